import type { ConnectorErrorShape } from "@repo/console-types";

export type SourceProvider = "linear" | "notion" | "slack" | "vercel";

/** A source's failure in the one error shape; `retryable` says whether trying again can help. */
export class ConnectorError extends Error implements ConnectorErrorShape {
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly provider: SourceProvider;
  /** The service's HTTP status, when it answered. */
  readonly status?: number;

  constructor(shape: { provider: SourceProvider; code: string; retryable: boolean; message: string; retryAfterMs?: number; status?: number; cause?: unknown }) {
    super(shape.message, { cause: shape.cause });
    this.name = "ConnectorError";
    this.provider = shape.provider;
    this.code = shape.code;
    this.retryable = shape.retryable;
    if (shape.retryAfterMs !== undefined) this.retryAfterMs = shape.retryAfterMs;
    if (shape.status !== undefined) this.status = shape.status;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
