import { and, eq } from "drizzle-orm";
import type { Db } from "../db-types";
import { authTables, userAccounts, users } from "../schema";

export interface GitHubIdentity {
  githubLogin: string;
  githubId: string;
  /** Lowercased organisation logins. */
  githubOrgs: readonly string[];
}

/** The GitHub account id (numeric, as text) a user signed in with, if they did. */
export async function githubAccountIdOf(db: Db, userId: string): Promise<string | undefined> {
  const [account] = await db
    .select({ accountId: userAccounts.accountId })
    .from(userAccounts)
    .where(and(eq(userAccounts.userId, userId), eq(userAccounts.providerId, "github")));
  return account?.accountId;
}

/** Stores who a user is on GitHub as of this sign-in: membership is decided on these. */
export async function recordGitHubIdentity(db: Db, userId: string, identity: GitHubIdentity): Promise<void> {
  await db
    .update(users)
    .set({
      githubLogin: identity.githubLogin.toLowerCase(),
      githubId: identity.githubId,
      githubOrgs: identity.githubOrgs.map((o) => o.toLowerCase()).join(" "),
    })
    .where(eq(users.id, userId));
}

export async function findUser(db: Db, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user;
}

/**
 * What better-auth's drizzle adapter needs to store users, sessions, accounts and verifications:
 * `drizzleAdapter(db, authAdapterOptions)`. The app passes it through; it never queries these tables.
 */
export const authAdapterOptions = { provider: "pg", schema: authTables } as const;
