import { index, integer, jsonb, pgTable, text, unique } from "drizzle-orm/pg-core";
import { createdAt, idColumn, oneOf, updatedAt } from "./columns";

export const workspaces = pgTable("workspaces", {
  id: idColumn("ws"),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** Members of this GitHub organisation (lowercased login) are admitted as members; null = invitations only. */
  githubOrg: text("github_org"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const VECTOR_BACKENDS = ["pgvector", "pinecone"] as const;
export type VectorBackend = (typeof VECTOR_BACKENDS)[number];

/** Where a store's vectors live: a Pinecone index + namespace, or a pgvector table. */
export interface StoreVectorConfig {
  indexName?: string;
  namespace?: string;
  /** pgvector: table name override; by default derived from the store id. */
  table?: string;
}

export interface StoreChunkingConfig {
  maxTokens: number;
  overlapTokens: number;
}

/** One embedding model and dimension; every source in a store shares its vector space. */
export const stores = pgTable(
  "stores",
  {
    id: idColumn("sto"),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    embeddingProvider: text("embedding_provider").notNull(),
    embeddingModel: text("embedding_model").notNull(),
    embeddingDimensions: integer("embedding_dimensions").notNull(),
    vectorBackend: text("vector_backend", { enum: VECTOR_BACKENDS }).notNull(),
    vectorConfig: jsonb("vector_config").$type<StoreVectorConfig>().notNull().default({}),
    chunking: jsonb("chunking").$type<StoreChunkingConfig>().notNull().default({ maxTokens: 512, overlapTokens: 0 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("stores_workspace_name_unique").on(t.workspaceId, t.name),
    index("stores_workspace_idx").on(t.workspaceId),
    oneOf("stores_vector_backend_check", t.vectorBackend, VECTOR_BACKENDS),
  ],
);
