import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../db-types";
import type { WorkspaceRow } from "../row-types";
import { users, workspaceMembers, workspaces, type WorkspaceRole } from "../schema";

/** Embedded mode's single user: a login no GitHub account can have ('@' is not allowed in one). */
export const LOCAL_LOGIN = "@local";

/** What membership is decided on: the signed-in user, their GitHub login and organisations. */
export interface Viewer {
  userId: string;
  githubLogin: string | null;
  githubOrgs: readonly string[];
}

export interface WorkspaceAccess {
  workspace: WorkspaceRow;
  role: WorkspaceRole;
}

export function viewerOf(user: typeof users.$inferSelect): Viewer {
  return { userId: user.id, githubLogin: user.githubLogin, githubOrgs: user.githubOrgs.split(" ").filter(Boolean) };
}

/**
 * Every workspace the viewer may use: rows naming their user id, invitations of their login
 * (bound to them here, on first use), and workspaces admitting one of their GitHub organisations.
 */
export async function workspacesOf(db: Db, viewer: Viewer): Promise<WorkspaceAccess[]> {
  if (viewer.githubLogin) {
    await db
      .update(workspaceMembers)
      .set({ userId: viewer.userId })
      .where(and(eq(workspaceMembers.githubLogin, viewer.githubLogin.toLowerCase()), isNull(workspaceMembers.userId)));
  }
  const explicit = await db
    .select({ workspace: workspaces, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, viewer.userId));
  const orgs = viewer.githubOrgs.map((org) => org.toLowerCase());
  const byOrg = orgs.length === 0 ? [] : await db.select().from(workspaces).where(inArray(workspaces.githubOrg, orgs));
  const access = new Map<string, WorkspaceAccess>(byOrg.map((workspace) => [workspace.id, { workspace, role: "member" }]));
  for (const row of explicit) access.set(row.workspace.id, row);
  return [...access.values()].sort((a, b) => a.workspace.name.localeCompare(b.workspace.name));
}

/** The viewer's role in one workspace, or undefined when they do not belong to it. */
export async function roleIn(db: Db, viewer: Viewer, workspaceId: string): Promise<WorkspaceRole | undefined> {
  return (await workspacesOf(db, viewer)).find((access) => access.workspace.id === workspaceId)?.role;
}

/** Invites a GitHub login (or changes its role); it takes effect at that person's next request. */
export async function addMember(
  db: Db,
  input: { workspaceId: string; githubLogin: string; role: WorkspaceRole; invitedBy: string; userId?: string },
): Promise<void> {
  await db
    .insert(workspaceMembers)
    .values({ ...input, githubLogin: input.githubLogin.toLowerCase() })
    .onConflictDoUpdate({ target: [workspaceMembers.workspaceId, workspaceMembers.githubLogin], set: { role: input.role } });
}

export async function listMembers(db: Db, workspaceId: string) {
  return db
    .select({
      id: workspaceMembers.id,
      githubLogin: workspaceMembers.githubLogin,
      role: workspaceMembers.role,
      userId: workspaceMembers.userId,
      name: users.name,
      invitedBy: workspaceMembers.invitedBy,
    })
    .from(workspaceMembers)
    .leftJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.githubLogin));
}

export class LastOwnerError extends Error {
  constructor() {
    super("A workspace keeps at least one owner: make someone else owner first");
    this.name = "LastOwnerError";
  }
}

/** Removes a member of this workspace (an id of another workspace's member removes nothing). */
export async function removeMember(db: Db, workspaceId: string, memberId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(workspaceMembers)
      .where(and(eq(workspaceMembers.id, memberId), eq(workspaceMembers.workspaceId, workspaceId)));
    if (!member) return false;
    if (member.role === "owner") {
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(workspaceMembers)
        .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "owner"), ne(workspaceMembers.id, memberId)));
      if ((others?.n ?? 0) === 0) throw new LastOwnerError();
    }
    await tx.delete(workspaceMembers).where(eq(workspaceMembers.id, memberId));
    return true;
  });
}

/** A new workspace with its creator as owner. */
export async function createWorkspace(db: Db, input: { name: string; owner: { githubLogin: string; userId?: string } }): Promise<WorkspaceRow> {
  const slug = `${
    input.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "workspace"
  }-${Date.now().toString(36)}`;
  const [workspace] = await db.insert(workspaces).values({ slug, name: input.name }).returning();
  await addMember(db, {
    workspaceId: workspace!.id,
    githubLogin: input.owner.githubLogin,
    role: "owner",
    invitedBy: input.owner.githubLogin,
    ...(input.owner.userId ? { userId: input.owner.userId } : {}),
  });
  return workspace!;
}

/** Admits every member of a GitHub organisation (null: invitations only). */
export async function setWorkspaceOrg(db: Db, workspaceId: string, githubOrg: string | null): Promise<void> {
  await db
    .update(workspaces)
    .set({ githubOrg: githubOrg ? githubOrg.toLowerCase() : null })
    .where(eq(workspaces.id, workspaceId));
}
