import { boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, idColumn, updatedAt } from "./columns";

// The console's sign-in (better-auth's user, session, account and verification models). JS
// property names are the library's field names; columns follow this schema's snake_case.

/** Someone who signed in: with GitHub, or the one local user of embedded mode. */
export const users = pgTable("users", {
  id: idColumn("usr"),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  /** Lowercased GitHub login (null for the embedded local user); invitations name it. */
  githubLogin: text("github_login"),
  /** GitHub's numeric user id: a login can be renamed and reused, the id cannot. */
  githubId: text("github_id"),
  /** Lowercased logins of the user's GitHub organisations at the last sign-in, space-separated. */
  githubOrgs: text("github_orgs").notNull().default(""),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A signed-in browser: the cookie carries `token`; sign-out and expiry delete the row. */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: idColumn("ses"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    token: text("token").notNull().unique(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/** A user's link to a provider account (GitHub); OAuth tokens are stored encrypted by the library. */
export const userAccounts = pgTable(
  "user_accounts",
  {
    id: idColumn("acc"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("user_accounts_user_idx").on(t.userId)],
);

/** Short-lived values of the sign-in flow (OAuth state). */
export const authVerifications = pgTable(
  "auth_verifications",
  {
    id: idColumn("ver"),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("auth_verifications_identifier_idx").on(t.identifier)],
);

/** The tables of better-auth's models, keyed by model name, for its drizzle adapter. */
export const authTables = { user: users, session: userSessions, account: userAccounts, verification: authVerifications };
