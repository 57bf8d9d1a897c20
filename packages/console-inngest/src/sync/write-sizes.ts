/**
 * How much one write statement or transaction of a sync carries. Larger writes are faster in
 * total (fewer round trips, fewer lexical-statistics upserts); smaller ones hold a database
 * connection for less time. That matters where requests share the sync's one connection: the
 * console on PGlite, whose pages and webhook deliveries wait behind whichever background write
 * is running (a 200-chunk manifest transaction held it for up to ~0.5 s on an idle machine).
 */
export interface WriteSizes {
  /** Vectors per upsert call (one statement on pgvector, one request on Pinecone). */
  vectorsPerUpsert: number;
  /** Chunks per manifest transaction (a file with more gets a transaction of its own). */
  manifestChunks: number;
  /** Embedding-cache rows per insert statement. */
  cacheRows: number;
}

/**
 * The CLI and the console on Postgres: throughput first. A batch (≤ 250 files, ≤ 4 MB) is one
 * manifest transaction: each transaction upserts the lexical statistics of every distinct term it
 * wrote, and the 200-chunk groups of one batch share most of their terms (bench:cli 3000 on
 * PGlite spent 3.3 s of SQL in those upserts with 200-chunk groups).
 */
export const DEFAULT_WRITE_SIZES: WriteSizes = { vectorsPerUpsert: 200, manifestChunks: 4_000, cacheRows: 1_000 };

/** The console on PGlite: requests wait behind at most a short write (bench:console's webhook p95). */
export const SHARED_CONNECTION_WRITE_SIZES: WriteSizes = { vectorsPerUpsert: 50, manifestChunks: 50, cacheRows: 100 };

export function writeSizesOf(sizes: Partial<WriteSizes> | undefined): WriteSizes {
  return { ...DEFAULT_WRITE_SIZES, ...sizes };
}
