import { index, pgTable, text, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, idColumn, oneOf } from "./columns";
import { workspaces } from "./workspaces";

export const WORKSPACE_ROLES = ["owner", "member"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/**
 * Who may use a workspace. A row is written by GitHub login (an invitation) before that person
 * ever signs in; their first sign-in binds it to their user id, so a login that is later renamed
 * and taken by someone else does not carry the membership over.
 */
export const workspaceMembers = pgTable(
  "workspace_members",
  {
    id: idColumn("mem"),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Lowercased GitHub login ("@local" for embedded mode's local user, which no GitHub login can be). */
    githubLogin: text("github_login").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: WORKSPACE_ROLES }).notNull(),
    /** Login of whoever invited them, or "config" for owners named in TRIBUTARY_OWNERS. */
    invitedBy: text("invited_by"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("workspace_members_login_unique").on(t.workspaceId, t.githubLogin),
    index("workspace_members_user_idx").on(t.userId),
    oneOf("workspace_members_role_check", t.role, WORKSPACE_ROLES),
  ],
);
