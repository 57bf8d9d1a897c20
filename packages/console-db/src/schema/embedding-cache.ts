import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { bytea, createdAt } from "./columns";

/** Content-addressed embeddings: a text already embedded by this model is never sent again. */
export const embeddingCache = pgTable(
  "embedding_cache",
  {
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    dimensions: integer("dimensions").notNull(),
    /** sha256 hex of the embedded text. */
    textHash: text("text_hash").notNull(),
    /** Little-endian float32s: 4 bytes a dimension, a third of real[]'s text size over the wire. */
    vector: bytea("vector").notNull(),
    createdAt: createdAt(),
    /** Renewed when a lookup hits, so cleanup.stale evicts the least recently used beyond its cap. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "embedding_cache_pk", columns: [t.provider, t.model, t.dimensions, t.textHash] }),
    index("embedding_cache_last_used_idx").on(t.lastUsedAt),
  ],
);
