import { FakeCohere } from "@repo/testing/cohere";
import type { Fault } from "@repo/testing/http";
import { FakeOpenAI } from "@repo/testing/openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddingError } from "../errors";
import type { MeteredEmbeddingProvider } from "../provider-options";
import type { RetryPolicy } from "../batching/retry-policy";
import { createCohereEmbedder } from "./cohere";
import { createOpenAIEmbedder } from "./openai";

const TIMEOUT_MS = 500;

interface Subject {
  failNext(fault: Fault): void;
  requestCount(): number;
  embedder(options: { retry: Partial<RetryPolicy>; maxResponseBytes?: number; timeoutMs?: number }): MeteredEmbeddingProvider;
  stop(): Promise<void>;
}

async function openai(): Promise<Subject> {
  const fake = new FakeOpenAI();
  const baseURL = await fake.start();
  return {
    failNext: (fault) => fake.failNext(fault),
    requestCount: () => fake.requestCount,
    embedder: (options) => createOpenAIEmbedder({ apiKey: "sk-test", baseURL, model: "text-embedding-3-small", timeoutMs: TIMEOUT_MS, ...options }),
    stop: () => fake.stop(),
  };
}

async function cohere(): Promise<Subject> {
  const fake = new FakeCohere();
  const baseUrl = await fake.start();
  return {
    failNext: (fault) => fake.failNext(fault),
    requestCount: () => fake.requestCount,
    embedder: (options) => createCohereEmbedder({ token: "co-test", baseUrl, model: "embed-v4.0", dimensions: 256, timeoutMs: TIMEOUT_MS, ...options }),
    stop: () => fake.stop(),
  };
}

async function failure(call: () => Promise<unknown>): Promise<{ error: EmbeddingError; ms: number }> {
  const start = performance.now();
  const error = await call().then(
    () => new Error("expected a failure"),
    (e: unknown) => e,
  );
  if (!(error instanceof EmbeddingError)) throw error;
  return { error, ms: performance.now() - start };
}

describe.each([
  ["OpenAI", openai],
  ["Cohere", cohere],
])("%s embeddings have a timeout and a response limit", (service, start) => {
  let subject: Subject;
  beforeAll(async () => {
    subject = await start();
  });
  afterAll(() => subject?.stop());
  const once = { retry: { maxAttempts: 1 } };

  it.each(["headers", "body"] as const)("fails within the timeout when the service hangs (%s), as a retryable error", async (stall) => {
    subject.failNext({ status: 200, times: 1, stall });
    const { error, ms } = await failure(() => subject.embedder(once).embed(["alpha"], "document"));
    expect(error).toMatchObject({ retryable: true, attempts: 1 });
    // The OpenAI SDK turns any fetch error whose text says "timeout" into its own APIConnectionTimeoutError.
    expect(error.reason).toMatch(new RegExp(`${service} sent nothing for ${TIMEOUT_MS} ms|^request timed out$`));
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 10_000);
  });

  it("retries a hung request and succeeds when the service answers again", async () => {
    subject.failNext({ status: 200, times: 1, stall: "headers" });
    // A longer limit here: the second attempt must not time out on a loaded machine.
    const vectors = await subject.embedder({ retry: { maxAttempts: 2, baseDelayMs: 5 }, timeoutMs: 2_000 }).embed(["alpha"], "document");
    expect(vectors).toHaveLength(1);
  });

  it.each([true, false])("refuses an oversized answer without retrying (content-length declared: %s)", async (declareLength) => {
    const before = subject.requestCount();
    subject.failNext({ status: 200, times: 1, oversizeBytes: 2_000_000, declareLength });
    const { error } = await failure(() =>
      subject.embedder({ retry: { maxAttempts: 3, baseDelayMs: 5 }, maxResponseBytes: 1_000_000, timeoutMs: 10_000 }).embed(["alpha"], "document"),
    );
    expect(error).toMatchObject({ retryable: false, attempts: 1 });
    expect(error.reason).toContain(`${service} answered with more than 1000000 bytes`);
    expect(subject.requestCount() - before).toBe(1);
  });
});
