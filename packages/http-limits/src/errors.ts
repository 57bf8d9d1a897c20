/** Where a limited request went, without its query string (which can carry keys). */
export function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch (error) {
    if (error instanceof TypeError) return "an invalid URL";
    throw error;
  }
}

/** The service went silent: no response headers, or no body bytes, for `timeoutMs`. A retry may succeed. */
export class RequestTimeoutError extends Error {
  override readonly name = "RequestTimeoutError";
  readonly code = "timeout";
  readonly retryable = true;

  constructor(
    readonly service: string,
    readonly timeoutMs: number,
    phase: "response" | "body",
    url: string,
  ) {
    const waiting = phase === "response" ? "waiting for its response" : "reading its response body";
    super(`${service} sent nothing for ${timeoutMs} ms while ${waiting} (${describeTarget(url)}); a retry may succeed`);
  }
}

/** The answer was bigger than the caller accepts; it is refused, and asking again gets the same answer. */
export class ResponseTooLargeError extends Error {
  override readonly name = "ResponseTooLargeError";
  readonly code = "response-too-large";
  readonly retryable = false;

  constructor(
    readonly service: string,
    readonly maxBytes: number,
    url: string,
  ) {
    super(`${service} answered with more than ${maxBytes} bytes (${describeTarget(url)}); the response was refused`);
  }
}

export type HttpLimitError = RequestTimeoutError | ResponseTooLargeError;

/** The limit error behind an SDK's own wrapping (`cause` chains), if a limit ended the request. */
export function findHttpLimitError(error: unknown): HttpLimitError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === "object" && current !== null; depth += 1) {
    if (current instanceof RequestTimeoutError || current instanceof ResponseTooLargeError) return current;
    current = "cause" in current ? current.cause : undefined;
  }
  return undefined;
}
