import { createDb, createPgVectorStore } from "@repo/console-db";
import { tableRows } from "@repo/console-db/testing";
import { sourceVectorPrefix } from "@repo/console-types";

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
    const [source] = await tableRows(db, "sources");
    const [store] = await tableRows(db, "stores");
    if (!source || !store) throw new Error(`no source in ${dataDir}`);
    const documents = await tableRows(db, "documents", { orderBy: "path" });
    const vectors = createPgVectorStore({ db, storeId: store.id, dimensions: store.embeddingDimensions });
    const ids = await vectors.listIds(sourceVectorPrefix(source.id));
    const cache = await tableRows(db, "embeddingCache");
    const jobs = await tableRows(db, "syncJobs", { orderBy: "createdAt" });
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
