import { EmbeddingError } from "@repo/console-embed";
import { SourceError } from "@repo/console-github";
import { PineconeStoreError } from "@repo/console-pinecone";
import { TributaryError } from "@repo/console-types";
import { NonRetriableError, RetryAfterError } from "inngest";
import { describe, expect, it } from "vitest";
import { isNonRetriable, toInngestError } from "./errors";

const embedding = (status: number, retryable: boolean) =>
  new EmbeddingError({ provider: "openai", retryable, indexes: [0], texts: ["a"], status, reason: `HTTP ${status}` });

describe("toInngestError: package errors → Inngest retry semantics, by their shape alone", () => {
  it("stops at once on what a retry cannot fix, from every package", () => {
    const finals = [
      new SourceError("unknown-ref", "unknown branch"),
      embedding(401, false),
      new PineconeStoreError("upsert", { message: "dimension 8 does not match 16", retryable: false, status: 400 }),
      new TributaryError({ code: "store-mismatch", retryable: false, message: "store holds another model" }),
    ];
    for (const error of finals) {
      const mapped = toInngestError(error);
      expect(mapped).toBeInstanceOf(NonRetriableError);
      expect(mapped).toMatchObject({ message: error.message, cause: error });
    }
  });

  it("waits as long as the service said, and leaves other retryable errors to the function's retries", () => {
    const limited = new SourceError("rate-limited", "GitHub rate limit reached", { retryAfterSeconds: 42 });
    const mapped = toInngestError(limited);
    expect(mapped).toBeInstanceOf(RetryAfterError);
    expect((mapped as RetryAfterError).retryAfter).toBe("42");
    expect(toInngestError(new TributaryError({ code: "rate-limited", retryable: true, retryAfterMs: 1500, message: "slow down" }))).toBeInstanceOf(
      RetryAfterError,
    );
    for (const retryable of [new SourceError("server", "GitHub failed (502)"), embedding(429, true)]) expect(toInngestError(retryable)).toBe(retryable);
  });

  it("finds the shape in a wrapper's cause, and passes unknown errors through", () => {
    const wrapped = new Error("staging failed", { cause: new SourceError("unauthorized", "bad credentials") });
    expect(toInngestError(wrapped)).toBeInstanceOf(NonRetriableError);
    const plain = new Error("boom");
    expect(toInngestError(plain)).toBe(plain);
    expect(toInngestError(Object.assign(new Error("pg"), { code: "40P01" }))).not.toBeInstanceOf(NonRetriableError);
  });

  it("gives embedders and stores a code from the status", () => {
    expect(embedding(429, true).code).toBe("rate-limited");
    expect(embedding(401, false).code).toBe("unauthorized");
    expect(new PineconeStoreError("query", { message: "down", retryable: true, status: 503 }).code).toBe("server");
    expect(new PineconeStoreError("query", { message: "refused", retryable: true }).code).toBe("network");
  });
});

describe("isNonRetriable", () => {
  it("is true for NonRetriableError (also serialized by name) and non-retryable package errors only", () => {
    expect(isNonRetriable(new NonRetriableError("no"))).toBe(true);
    expect(isNonRetriable(Object.assign(new Error("no"), { name: "NonRetriableError" }))).toBe(true);
    expect(isNonRetriable(new SourceError("not-found", "gone"))).toBe(true);
    expect(isNonRetriable(new SourceError("network", "unreachable"))).toBe(false);
    expect(isNonRetriable(new Error("boom"))).toBe(false);
  });
});
