import type { Db } from "../db-types";
import { newId } from "../ids";
import { stores, workspaces } from "../schema";

/** A fresh workspace and its default store (local hashing embedder, pgvector), for tests that need sources. */
export async function seedWorkspaceStore(db: Db) {
  const [ws] = await db
    .insert(workspaces)
    .values({ slug: `ws-${newId("t")}`, name: "Acme" })
    .returning();
  const [store] = await db
    .insert(stores)
    .values({
      workspaceId: ws!.id,
      name: "default",
      embeddingProvider: "local",
      embeddingModel: "hash-v1",
      embeddingDimensions: 384,
      vectorBackend: "pgvector",
    })
    .returning();
  return { ws: ws!, store: store! };
}
