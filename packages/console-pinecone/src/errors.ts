import { failureCode, type ConnectorErrorShape } from "@repo/console-types";

export type PineconeOperation = "upsert" | "query" | "fetch" | "delete" | "list" | "stats" | "describe-index" | "create-index";

export interface PineconeFailure {
  message: string;
  /** Whether trying the same call later can succeed (rate limits, outages, timeouts). */
  retryable: boolean;
  status?: number;
}

/** What every function of this package throws; the API key never appears in it. */
export class PineconeStoreError extends Error implements ConnectorErrorShape {
  readonly operation: PineconeOperation;
  readonly code: string;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly attempts: number;
  /** The failure without the operation and retry wording around it. */
  readonly reason: string;

  constructor(operation: PineconeOperation, failure: PineconeFailure, attempts = 1, cause?: unknown) {
    const retryHint = failure.retryable ? "a retry may succeed" : "retrying will not help";
    super(`Pinecone ${operation} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${failure.message} (${retryHint})`, { cause });
    this.name = "PineconeStoreError";
    this.operation = operation;
    this.code = failureCode(failure.status, failure.retryable);
    this.retryable = failure.retryable;
    this.status = failure.status;
    this.attempts = attempts;
    this.reason = failure.message;
  }
}
