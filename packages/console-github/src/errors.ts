import type { ConnectorErrorShape } from "@repo/console-types";

/**
 * Every failure this package raises says what happened and whether trying again can help,
 * so callers (Inngest functions, the CLI) can decide between retrying and giving up.
 */
export type SourceErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "rate-limited"
  | "network"
  | "server"
  | "invalid-response"
  | "incomplete-tree"
  | "no-such-directory"
  | "not-a-git-repository"
  /** A local repository with no branch checked out, and none asked for. */
  | "detached-head"
  | "unknown-ref"
  | "git-failed"
  /** An owner, repository or path that GitHub's naming rules forbid (`../user`); never sent. */
  | "invalid-name"
  /** GitHub went silent for longer than the client's timeout. */
  | "timeout"
  /** An answer bigger than the client accepts (its body limits). */
  | "response-too-large";

const RETRYABLE: ReadonlySet<SourceErrorCode> = new Set(["rate-limited", "network", "server", "invalid-response", "timeout"]);

export class SourceError extends Error implements ConnectorErrorShape {
  override readonly name = "SourceError";
  readonly retryable: boolean;

  constructor(
    readonly code: SourceErrorCode,
    message: string,
    options?: { status?: number; cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, { cause: options?.cause });
    this.retryable = RETRYABLE.has(code);
    this.status = options?.status;
    this.retryAfterSeconds = options?.retryAfterSeconds;
    if (options?.retryAfterSeconds) this.retryAfterMs = options.retryAfterSeconds * 1000;
  }

  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly retryAfterMs?: number;
}

export function isSourceError(error: unknown): error is SourceError {
  return error instanceof SourceError;
}
