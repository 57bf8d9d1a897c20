"use server";

import { addMember, createWorkspace, LastOwnerError, LOCAL_LOGIN, removeMember, setWorkspaceOrg } from "@repo/console-db";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getAuth } from "./auth/auth";
import { requireAccess, requireOwner, WORKSPACE_COOKIE } from "./session";

/** Starts GitHub's OAuth web flow; GitHub sends the browser back to /api/auth/callback/github. */
export async function signInWithGitHub(): Promise<void> {
  const auth = await getAuth();
  const { url } = await auth.api.signInSocial({ body: { provider: "github", callbackURL: "/", errorCallbackURL: "/sign-in" }, headers: await headers() });
  if (!url) throw new Error("GitHub sign-in is not configured (GITHUB_CLIENT_ID)");
  redirect(url);
}

export async function signOut(): Promise<void> {
  const auth = await getAuth();
  // Deletes the session row too, so a copied cookie stops working.
  await auth.api.signOut({ headers: await headers() }).catch(() => undefined);
  (await cookies()).delete(WORKSPACE_COOKIE);
  redirect("/sign-in");
}

const Id = z.string().min(1).max(100);
const cookieOptions = { httpOnly: true, sameSite: "lax", path: "/" } as const;

export async function switchWorkspace(formData: FormData): Promise<void> {
  const { workspaces } = await requireAccess();
  const wanted = Id.parse(formData.get("workspaceId"));
  // Only a workspace the user belongs to can be chosen; the cookie is re-checked on every request anyway.
  if (workspaces.some((w) => w.workspace.id === wanted)) (await cookies()).set(WORKSPACE_COOKIE, wanted, cookieOptions);
  redirect("/");
}

const Login = z
  .string()
  .trim()
  .regex(/^[A-Za-z\d](?:[A-Za-z\d-]{0,38})$/, "A GitHub login is letters, digits and hyphens");

function backToWorkspace(params: Record<string, string>): never {
  redirect(`/workspace?${new URLSearchParams(params)}`);
}

export async function inviteMember(formData: FormData): Promise<void> {
  const { runtime, workspace, user } = await requireOwner();
  const login = Login.safeParse(formData.get("login"));
  if (!login.success) backToWorkspace({ error: login.error.issues[0]?.message ?? "Invalid login" });
  const role = z.enum(["owner", "member"]).parse(formData.get("role") ?? "member");
  await addMember(runtime.database.db, { workspaceId: workspace.id, githubLogin: login.data, role, invitedBy: user.githubLogin ?? user.id });
  backToWorkspace({ notice: `${login.data} can now sign in to ${workspace.name} as ${role}` });
}

export async function removeWorkspaceMember(formData: FormData): Promise<void> {
  const { runtime, workspace } = await requireOwner();
  try {
    await removeMember(runtime.database.db, workspace.id, Id.parse(formData.get("memberId")));
  } catch (error) {
    if (error instanceof LastOwnerError) backToWorkspace({ error: error.message });
    throw error;
  }
  backToWorkspace({ notice: "Member removed" });
}

export async function setOrganisation(formData: FormData): Promise<void> {
  const { runtime, workspace } = await requireOwner();
  const raw = String(formData.get("org") ?? "").trim();
  const org = z.union([z.literal(""), Login]).safeParse(raw);
  if (!org.success) backToWorkspace({ error: "An organisation login is letters, digits and hyphens" });
  await setWorkspaceOrg(runtime.database.db, workspace.id, org.data || null);
  backToWorkspace({ notice: org.data ? `Members of ${org.data} are admitted` : "Organisation admission turned off" });
}

export async function newWorkspace(formData: FormData): Promise<void> {
  const { runtime, user } = await requireOwner();
  const name = z.string().trim().min(1).max(80).safeParse(formData.get("name"));
  if (!name.success) backToWorkspace({ error: "Name the workspace" });
  const created = await createWorkspace(runtime.database.db, { name: name.data, owner: { githubLogin: user.githubLogin ?? LOCAL_LOGIN, userId: user.id } });
  (await cookies()).set(WORKSPACE_COOKIE, created.id, cookieOptions);
  redirect("/");
}
