import { roleIn, viewerOf, workspacesOf, type UserRow, type Viewer, type WorkspaceAccess } from "@repo/console-db";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuth } from "./auth/auth";
import { getRuntime, type ConsoleRuntime } from "./runtime";

/** The signed-in user of this request (the session is looked up in the database), once per render. */
export const currentUser = cache(async (): Promise<UserRow | undefined> => {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: await headers() });
  // better-auth returns the user row with the additional fields the schema declares.
  return session ? (session.user as unknown as UserRow) : undefined;
});

export const WORKSPACE_COOKIE = "tributary-workspace";

export interface Access extends WorkspaceAccess {
  runtime: ConsoleRuntime;
  user: UserRow;
  viewer: Viewer;
  /** Every workspace the user belongs to, for the switcher. */
  workspaces: WorkspaceAccess[];
}

/**
 * The signed-in user and the workspace they act in (the one their cookie names, if they still
 * belong to it, else their first). Anonymous requests go to /sign-in, and users who belong to no
 * workspace to /no-workspace: nothing past this call runs for them.
 */
export const requireAccess = cache(async (): Promise<Access> => {
  const found = await findAccess();
  if (found === "anonymous") redirect("/sign-in");
  if (found === "no-workspace") redirect("/no-workspace");
  return found;
});

/** requireAccess without the redirects, for the layout (which also frames /sign-in). */
export const findAccess = cache(async (): Promise<Access | "anonymous" | "no-workspace"> => {
  const user = await currentUser();
  if (!user) return "anonymous";
  const runtime = await getRuntime();
  const viewer = viewerOf(user);
  const workspaces = await workspacesOf(runtime.database.db, viewer);
  const wanted = (await cookies()).get(WORKSPACE_COOKIE)?.value;
  const current = workspaces.find((w) => w.workspace.id === wanted) ?? workspaces[0];
  if (!current) return "no-workspace";
  return { runtime, user, viewer, workspaces, ...current };
});

/** As requireAccess, for what only owners may do (members, organisation, new workspaces). */
export async function requireOwner(): Promise<Access> {
  const access = await requireAccess();
  // Re-read the role: an owner demoted a moment ago must not act on a cached answer.
  if ((await roleIn(access.runtime.database.db, access.viewer, access.workspace.id)) !== "owner") redirect("/workspace?error=owners-only");
  return access;
}
