import { pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";
import { sources } from "./sources";

/**
 * An item source's token (Linear API key, Notion integration secret, Slack bot token, Vercel
 * token), sealed with AES-256-GCM under a key the apps pass in: the database alone never reveals
 * it. One row per source; removing the source removes it.
 */
export const sourceCredentials = pgTable("source_credentials", {
  sourceId: text("source_id")
    .primaryKey()
    .references(() => sources.id, { onDelete: "cascade" }),
  /** `v1.<iv>.<ciphertext>.<tag>`, each part base64url. */
  sealed: text("sealed").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
