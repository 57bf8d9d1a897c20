/**
 * The one error shape across sources, embedders, stores and the database: what went wrong
 * (`code`), whether the same call can succeed later, and how long to wait when the service said.
 * The Inngest boundary (console-inngest `toInngestError`) and the CLI's exit codes read only this.
 */
export interface ConnectorErrorShape {
  code: string;
  retryable: boolean;
  retryAfterMs?: number;
  message: string;
}

/** An error in the shape, for failures that have no package error class of their own. */
export class TributaryError extends Error implements ConnectorErrorShape {
  override readonly name: string = "TributaryError";
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(shape: { code: string; retryable: boolean; message: string; retryAfterMs?: number; cause?: unknown }) {
    super(shape.message, { cause: shape.cause });
    this.code = shape.code;
    this.retryable = shape.retryable;
    if (shape.retryAfterMs !== undefined) this.retryAfterMs = shape.retryAfterMs;
  }
}

function isErrorShape(value: unknown): value is ConnectorErrorShape {
  if (!(value instanceof Error)) return false;
  const { code, retryable } = value as Partial<ConnectorErrorShape>;
  return typeof code === "string" && typeof retryable === "boolean";
}

/** The first error in `error`'s cause chain that carries the shape (a wrapper may hold it as its cause). */
export function errorShapeOf(error: unknown): ConnectorErrorShape | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) if (isErrorShape(e)) return e;
  return undefined;
}

/** A code for a failure known by its HTTP status (when there was an answer) and retryability. */
export function failureCode(status: number | undefined, retryable: boolean): string {
  if (status === undefined) return retryable ? "network" : "invalid-request";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "not-found";
  if (status === 429) return "rate-limited";
  if (status >= 500) return "server";
  return "invalid-request";
}
