import type { Db, SourceRow, StoreRow } from "@repo/console-db";
import type { MeteredEmbeddingProvider } from "@repo/console-embed";
import type { ItemConnector, SourceAdapter, VectorStore } from "@repo/console-types";
import type { AlertWebhook } from "../alerts/notify";
import type { AlertRules } from "../alerts/rules";
import type { RecoveryPolicy } from "../recovery/plan-recovery";
import type { BatchLimits } from "./batches";
import type { SyncTiming } from "./lease";
import type { RetentionSettings } from "./retention";
import type { WriteSizes } from "./write-sizes";

/** A source adapter that also says how many requests it made (GitHub requests for the summary). */
export interface CountingSourceAdapter extends SourceAdapter {
  requestCount(): number;
}

/** A vector store with its idempotent setup (pgvector table and index, Pinecone index). */
export interface ManagedVectorStore extends VectorStore {
  ensure(): Promise<void>;
  /** Builds a search index the store defers until it holds enough vectors (pgvector HNSW). */
  maintainIndex?(): Promise<boolean>;
}

/**
 * Everything the workflows reach outside themselves. The CLI and the console build one from their
 * configuration (embedded default or production services); tests build one against the fakes.
 */
export interface SyncDeps {
  db: Db;
  vectorStore(store: StoreRow): ManagedVectorStore;
  /** A fresh provider per call (its stats count one step's requests); the workflows cache. */
  embedder(store: StoreRow): MeteredEmbeddingProvider;
  /** A fresh adapter per call, so its request counter covers one step. */
  sourceAdapter(source: SourceRow): CountingSourceAdapter;
  /** A fresh connector per call for an item source (Linear, Notion, Slack, Vercel), its token opened inside. */
  itemConnector(source: SourceRow): Promise<ItemConnector>;
  batchLimits?: BatchLimits;
  /** Above this many files to fetch, contents come from one tarball instead of blob requests. */
  tarballThreshold?: number;
  /** The time leases and lost-batch detection go by (tests pass the executor's virtual clock). */
  now?: () => Date;
  /** Lease and silence limits; the defaults suit production. */
  timing?: Partial<SyncTiming>;
  /** Automatic recovery of partial jobs; `{ delaysMs: [] }` turns it off. */
  recovery?: RecoveryPolicy;
  /** Alert thresholds and the optional webhook that receives alert notices. */
  alerts?: { rules?: Partial<AlertRules>; webhook?: AlertWebhook };
  /** What cleanup.stale keeps (history retention, embedding cache cap); defaults in retention.ts. */
  retention?: Partial<RetentionSettings>;
  /** Rows per write statement and transaction of the index and embed steps; defaults in write-sizes.ts. */
  writeSizes?: Partial<WriteSizes>;
}
