import { TributaryError, type ItemProvider } from "@repo/console-types";

export type SourceProvider = ItemProvider;

/** A source's failure in the one error shape (TributaryError), with the provider and the service's answer. */
export class ConnectorError extends TributaryError {
  override readonly name = "ConnectorError";
  readonly provider: SourceProvider;
  /** The service's HTTP status, when it answered. */
  readonly status?: number;

  constructor(shape: { provider: SourceProvider; code: string; retryable: boolean; message: string; retryAfterMs?: number; status?: number; cause?: unknown }) {
    super(shape);
    this.provider = shape.provider;
    if (shape.status !== undefined) this.status = shape.status;
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
