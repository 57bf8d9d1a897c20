import type { ConnectorErrorShape } from "@repo/console-types";

/**
 * Raised only for problems with the chunker itself (a grammar that will not load, invalid
 * options). Bad file content never throws: it yields chunks or a skip reason.
 */
export class ChunkingError extends Error implements ConnectorErrorShape {
  override readonly name = "ChunkingError";
  readonly code = "chunker-failed";
  /** Whether running the same call again can succeed. */
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
  }
}
