import type { ConnectorErrorShape } from "@repo/console-types";

/**
 * Exit codes a script can branch on. Every failure the CLI expects is a CliError with one of
 * these; anything else is a bug and exits with INTERNAL after printing its stack.
 */
export const EXIT = {
  OK: 0,
  /** The sync ran but did not fully succeed (failed or partial job). */
  SYNC_FAILED: 1,
  USAGE: 2,
  /** Not a git repository, unknown branch, unknown source. */
  SOURCE: 3,
  /** tributary.yml could not be parsed or validated. */
  CONFIG: 4,
  /** GitHub unreachable, unauthorised, or the repository not visible to the token. */
  GITHUB: 5,
  /** Another process holds the PGlite data directory. */
  DATA_DIR_IN_USE: 6,
  /** Invalid environment or flags for the services (missing API key...). */
  ENVIRONMENT: 7,
  INTERNAL: 70,
  INTERRUPTED: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Whether running the same command again later can succeed without changes. */
    readonly retryable = false,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.USAGE);

// Package errors carry `{ code, retryable }` (console-types); the exit code follows the code,
// never the wording of the message.
const EXIT_BY_CODE: Readonly<Record<string, ExitCode>> = {
  "no-such-directory": EXIT.SOURCE,
  "not-a-git-repository": EXIT.SOURCE,
  "detached-head": EXIT.SOURCE,
  "unknown-ref": EXIT.SOURCE,
  "git-failed": EXIT.SOURCE,
  "incomplete-tree": EXIT.SOURCE,
  "invalid-name": EXIT.SOURCE,
  "not-found": EXIT.SOURCE,
  unauthorized: EXIT.GITHUB,
  forbidden: EXIT.GITHUB,
  network: EXIT.GITHUB,
  "rate-limited": EXIT.GITHUB,
  "data-dir-in-use": EXIT.DATA_DIR_IN_USE,
  "store-mismatch": EXIT.ENVIRONMENT,
  "dimension-mismatch": EXIT.ENVIRONMENT,
  "pgvector-unavailable": EXIT.ENVIRONMENT,
  "missing-credentials": EXIT.ENVIRONMENT,
};

/** A package error as a CliError: its message, and the exit code its code calls for (SYNC_FAILED if unlisted). */
export function cliErrorFor(shape: ConnectorErrorShape): CliError {
  return new CliError(shape.message, EXIT_BY_CODE[shape.code] ?? EXIT.SYNC_FAILED, shape.retryable);
}

// A failed job stores its error's code (sync_jobs.error_code). GITHUB and SOURCE describe git
// sources; an item service's refusal (Linear, Notion, Slack, Vercel) is a failed sync.
const FAILED_JOB_EXIT_BY_CODE: Readonly<Record<string, ExitCode>> = {
  "invalid-config": EXIT.CONFIG,
  unauthorized: EXIT.GITHUB,
  forbidden: EXIT.GITHUB,
  network: EXIT.GITHUB,
  "rate-limited": EXIT.GITHUB,
  "unknown-ref": EXIT.SOURCE,
  "not-a-git-repository": EXIT.SOURCE,
  "no-such-directory": EXIT.SOURCE,
};
const GIT_PROVIDERS: ReadonlySet<string> = new Set(["github", "local"]);

/** The exit code of a failed job, from the code stored with it (SYNC_FAILED when it has none or an unlisted one). */
export function exitCodeForFailedJob(job: { errorCode: string | null }, provider: string): ExitCode {
  const exit = job.errorCode === null ? undefined : FAILED_JOB_EXIT_BY_CODE[job.errorCode];
  if (exit === undefined) return EXIT.SYNC_FAILED;
  if (exit !== EXIT.CONFIG && !GIT_PROVIDERS.has(provider)) return EXIT.SYNC_FAILED;
  return exit;
}
