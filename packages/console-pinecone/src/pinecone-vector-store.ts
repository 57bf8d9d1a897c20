import { Errors, type Index, type PineconeRecord, type RecordMetadata } from "@pinecone-database/pinecone";
import type { VectorMatch, VectorQuery, VectorRecord, VectorStore } from "@repo/console-types";
import { createPineconeClient } from "./client";
import { ensureIndex, type EnsureIndexSpec } from "./ensure-index";
import { PineconeStoreError, type PineconeOperation } from "./errors";
import { fromPineconeMetadata, toPineconeMetadata } from "./metadata";
import { resolveOptions, type PineconeVectorStoreOptions } from "./options";
import { chunk, planFetchBatches, planUpsertBatches } from "./request-batches";
import { withRetry } from "./retry";
import { createThrottle } from "./throttle";

export interface PineconeVectorStore extends VectorStore {
  readonly indexName: string;
  readonly namespace: string;
  /** Creates this store's index when missing (cosine, its dimensions) and waits until ready. */
  ensureIndex(spec: Omit<EnsureIndexSpec, "name" | "dimension" | "metric">): Promise<void>;
  /** Records in this store's namespace, from describeIndexStats. */
  count(): Promise<number>;
}

/** A VectorStore on one namespace of a Pinecone serverless index, through the official SDK. */
export function createPineconeVectorStore(input: PineconeVectorStoreOptions): PineconeVectorStore {
  const options = resolveOptions(input);
  const { namespace, storeLimits: limits } = options;
  const client = createPineconeClient(options);
  const throttle = createThrottle(options.concurrency);
  const call = <T>(operation: PineconeOperation, run: (index: Index) => Promise<T>) =>
    throttle(() => withRetry(operation, options.retryPolicy, async () => run(await indexHandle())));

  // The host is resolved once (describeIndex) unless given; passing it to `index()` keeps the
  // SDK's process-wide host cache out of the way, so two stores never share a stale host.
  let host: Promise<string> | undefined = options.indexHost ? Promise.resolve(options.indexHost) : undefined;
  let handle: Index | undefined;
  async function indexHandle(): Promise<Index> {
    if (handle) return handle;
    host ??= client.describeIndex(options.indexName).then(
      (model) => model.host,
      (error: unknown) => {
        if (!(error instanceof Errors.PineconeNotFoundError)) throw error;
        throw new PineconeStoreError("describe-index", {
          message: `index ${options.indexName} does not exist; call ensureIndex first`,
          retryable: false,
          status: 404,
        });
      },
    );
    const resolved = await host.catch((error: unknown) => {
      host = undefined;
      throw error;
    });
    handle = client.index({ host: resolved, namespace });
    return handle;
  }

  async function allSettledOrThrow(operation: PineconeOperation, tasks: Array<Promise<unknown>>, what: (failed: number) => string): Promise<void> {
    const results = await Promise.allSettled(tasks);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failures.length === 0) return;
    const first = failures[0]!.reason;
    const retryable = failures.every((f) => f.reason instanceof PineconeStoreError && f.reason.retryable);
    const attempts = first instanceof PineconeStoreError ? first.attempts : 1;
    const statuses = new Set(failures.map((f) => (f.reason instanceof PineconeStoreError ? f.reason.status : undefined)));
    const status = statuses.size === 1 ? [...statuses][0] : undefined;
    const detail = first instanceof PineconeStoreError ? first.reason : String(first);
    throw new PineconeStoreError(operation, { message: `${what(failures.length)}; first failure: ${detail}`, retryable, status }, attempts, first);
  }

  async function deleteIds(ids: readonly string[]): Promise<void> {
    const batches = chunk([...new Set(ids)], limits.maxIdsPerRequest);
    await allSettledOrThrow(
      "delete",
      batches.map((batch) => call("delete", (index) => index.deleteMany({ ids: batch }))),
      (failed) => `${failed} of ${batches.length} delete requests failed; those ids may still be present`,
    );
  }

  async function listIds(prefix: string): Promise<string[]> {
    const ids: string[] = [];
    let paginationToken: string | undefined;
    do {
      const page = await call("list", (index) => index.listPaginated({ prefix, limit: limits.listPageSize, paginationToken }));
      for (const item of page.vectors ?? []) if (item.id) ids.push(item.id);
      paginationToken = page.pagination?.next;
    } while (paginationToken);
    return ids;
  }

  return {
    dimensions: options.dimensions,
    indexName: options.indexName,
    namespace,

    async upsert(records) {
      // Last write wins within one call, as it would in sequence; it also keeps two batches of
      // the same call from racing on one id.
      const latest = new Map(records.map((record) => [record.id, record]));
      const prepared = [...latest.values()].map((record) => toPineconeRecord(record, options.dimensions, limits.maxMetadataBytes));
      const batches = planUpsertBatches(prepared, namespace, limits);
      await allSettledOrThrow(
        "upsert",
        batches.map((batch) => call("upsert", (index) => index.upsert({ records: batch }))),
        (failed) => `${failed} of ${batches.length} upsert requests failed; their records were not written`,
      );
    },

    async query(query: VectorQuery): Promise<VectorMatch[]> {
      checkDimensions("query", query.vector, options.dimensions);
      const sources = query.filter?.sourceId;
      if (Array.isArray(sources) && sources.length === 0) return [];
      const filter = sources === undefined ? undefined : typeof sources === "string" ? { sourceId: { $eq: sources } } : { sourceId: { $in: [...sources] } };
      const response = await call("query", (index) =>
        index.query({ vector: query.vector, topK: query.topK, filter, includeMetadata: true, includeValues: false }),
      );
      return response.matches.map((match) => ({ id: match.id, score: match.score ?? 0, metadata: fromPineconeMetadata("query", match.id, match.metadata) }));
    },

    async fetch(ids) {
      const batches = planFetchBatches([...new Set(ids)], namespace, limits);
      const pages = await Promise.all(batches.map((batch) => call("fetch", (index) => index.fetch({ ids: batch }))));
      return pages.flatMap((page) =>
        Object.values(page.records).map((record) => ({
          id: record.id,
          values: record.values ?? [],
          metadata: fromPineconeMetadata("fetch", record.id, record.metadata),
        })),
      );
    },

    deleteIds,
    listIds,

    async deleteByPrefix(prefix) {
      const ids = await listIds(prefix);
      await deleteIds(ids);
      return ids.length;
    },

    async ensureIndex(spec) {
      await ensureIndex(client, { ...spec, name: options.indexName, dimension: options.dimensions, metric: "cosine", retry: options.retry });
    },

    async count() {
      const stats = await call("stats", (index) => index.describeIndexStats());
      return stats.namespaces?.[namespace]?.recordCount ?? 0;
    },
  };
}

function toPineconeRecord(record: VectorRecord, dimensions: number, maxMetadataBytes: number): PineconeRecord<RecordMetadata> {
  checkDimensions("upsert", record.values, dimensions);
  return { id: record.id, values: record.values, metadata: toPineconeMetadata(record.id, record.metadata, maxMetadataBytes) };
}

function checkDimensions(operation: PineconeOperation, values: readonly number[], dimensions: number): void {
  if (values.length === dimensions) return;
  throw new PineconeStoreError(operation, { message: `vector has ${values.length} dimensions, this store holds ${dimensions}`, retryable: false });
}
