import type { IndexModel, Pinecone } from "@pinecone-database/pinecone";
import { PineconeStoreError } from "./errors";
import { defaultRetryPolicy, withRetry, type RetryPolicy } from "./retry";

export interface EnsureIndexSpec {
  name: string;
  dimension: number;
  metric?: "cosine";
  cloud: "aws" | "gcp" | "azure";
  region: string;
  /** How long to wait for the index to become ready (default 5 minutes). */
  timeoutMs?: number;
  /** Between readiness checks (default 2 s; the SDK's own wait polls every 5 s). */
  pollIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
}

const failedStates = new Set(["InitializationFailed", "Terminating", "Disabled"]);

/**
 * Creates the serverless index when it is missing and waits until it is ready. Safe to call from
 * many places at once: a concurrent creation (409) counts as success and everyone waits for ready.
 * An existing index with another dimension or metric is an error, never silently reused.
 */
export async function ensureIndex(client: Pinecone, spec: EnsureIndexSpec): Promise<IndexModel> {
  const policy = { ...defaultRetryPolicy, ...spec.retry };
  const metric = spec.metric ?? "cosine";
  const timeoutMs = spec.timeoutMs ?? 300_000;
  const pollIntervalMs = spec.pollIntervalMs ?? 2000;
  const deadline = Date.now() + timeoutMs;
  let model = await describeIfExists(client, spec.name, policy);
  if (!model) {
    await withRetry("create-index", policy, () =>
      client.createIndex({
        name: spec.name,
        dimension: spec.dimension,
        metric,
        spec: { serverless: { cloud: spec.cloud, region: spec.region } },
        suppressConflicts: true,
      }),
    );
  }
  for (;;) {
    model ??= await describeIfExists(client, spec.name, policy);
    if (model) {
      checkShape(model, spec.dimension, metric);
      if (model.status.ready) return model;
      if (failedStates.has(model.status.state)) {
        throw new PineconeStoreError("describe-index", {
          message: `index ${spec.name} is in state ${model.status.state} and will not become ready`,
          retryable: false,
        });
      }
    }
    if (Date.now() + pollIntervalMs > deadline) {
      const state = model?.status.state ?? "not visible yet";
      throw new PineconeStoreError("describe-index", { message: `index ${spec.name} was not ready within ${timeoutMs} ms (state: ${state})`, retryable: true });
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    model = undefined;
  }
}

async function describeIfExists(client: Pinecone, name: string, policy: RetryPolicy): Promise<IndexModel | undefined> {
  try {
    return await withRetry("describe-index", policy, () => client.describeIndex(name));
  } catch (error) {
    if (error instanceof PineconeStoreError && error.status === 404) return undefined;
    throw error;
  }
}

function checkShape(model: IndexModel, dimension: number, metric: string): void {
  if (model.dimension === dimension && model.metric === metric) return;
  throw new PineconeStoreError("describe-index", {
    message: `index ${model.name} exists with dimension ${model.dimension ?? "none"} and metric ${model.metric}, but this store needs ${dimension} and ${metric}`,
    retryable: false,
  });
}
