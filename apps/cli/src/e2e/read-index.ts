import { createDb, createPgVectorStore, schema } from "@repo/console-db";
import { sourceVectorPrefix } from "@repo/console-types";
import { asc } from "drizzle-orm";

export interface IndexContents {
  /** path → blob sha and chunk hashes, from the manifest. */
  documents: Array<{ path: string; blobSha: string; outcome: string; chunkHashes: string[] }>;
  /** Vector ids without their source prefix (source ids differ between data directories). */
  vectorIds: string[];
  embeddingCacheRows: number;
  jobStatuses: string[];
}

/** Reads what a data directory holds for its only source (the CLI must have exited: one process at a time). */
export async function readIndex(dataDir: string): Promise<IndexContents> {
  const database = await createDb({ dataDir });
  try {
    const { db } = database;
    const [source] = await db.select().from(schema.sources);
    const [store] = await db.select().from(schema.stores);
    if (!source || !store) throw new Error(`no source in ${dataDir}`);
    const documents = await db.select().from(schema.documents).orderBy(asc(schema.documents.path));
    const vectors = createPgVectorStore({ db, storeId: store.id, dimensions: store.embeddingDimensions });
    const ids = await vectors.listIds(sourceVectorPrefix(source.id));
    const cache = await db.select({ hash: schema.embeddingCache.textHash }).from(schema.embeddingCache);
    const jobs = await db.select({ status: schema.syncJobs.status }).from(schema.syncJobs).orderBy(asc(schema.syncJobs.createdAt));
    return {
      documents: documents.map((d) => ({ path: d.path, blobSha: d.blobSha, outcome: d.outcome, chunkHashes: d.chunkHashes })),
      vectorIds: ids.map((id) => id.slice(id.indexOf(":") + 1)).sort(),
      embeddingCacheRows: cache.length,
      jobStatuses: jobs.map((j) => j.status),
    };
  } finally {
    await database.close();
  }
}
