import { failureCode, type ConnectorErrorShape } from "@repo/console-types";

const PREVIEW_TEXTS = 5;
const PREVIEW_CHARS = 60;

export interface EmbeddingErrorDetails {
  provider: string;
  /** Defaults to one derived from `status` (`rate-limited`, `unauthorized`, …). */
  code?: string;
  /** Whether trying again later can help (rate limits, outages) or not (bad input, bad key). */
  retryable: boolean;
  /** Positions, in the texts passed to `embed`, that got no vector. */
  indexes: readonly number[];
  /** The texts at those positions. */
  texts: readonly string[];
  /** HTTP status of the last failed attempt, when there was a response. */
  status?: number;
  attempts?: number;
  reason: string;
  /** Vectors for the positions that did succeed, so a cache can keep what was paid for. */
  embedded?: ReadonlyMap<number, number[]>;
  cause?: unknown;
}

/** Thrown when texts could not be embedded; it names every text that got no vector. */
export class EmbeddingError extends Error implements ConnectorErrorShape {
  override readonly name = "EmbeddingError";
  readonly provider: string;
  readonly code: string;
  readonly retryable: boolean;
  readonly indexes: readonly number[];
  readonly texts: readonly string[];
  readonly status: number | undefined;
  readonly attempts: number | undefined;
  readonly reason: string;
  readonly embedded: ReadonlyMap<number, number[]>;

  constructor(details: EmbeddingErrorDetails) {
    super(describe(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.provider = details.provider;
    this.code = details.code ?? failureCode(details.status, details.retryable);
    this.retryable = details.retryable;
    this.indexes = details.indexes;
    this.texts = details.texts;
    this.status = details.status;
    this.attempts = details.attempts;
    this.reason = details.reason;
    this.embedded = details.embedded ?? new Map();
  }

  /** The same failure, re-addressed to a caller's positions (used by wrappers that deduplicate). */
  remap(toCallerIndexes: (index: number) => readonly number[], callerTexts: readonly string[]): EmbeddingError {
    const indexes = [...new Set(this.indexes.flatMap(toCallerIndexes))].sort((a, b) => a - b);
    const embedded = new Map<number, number[]>();
    for (const [index, vector] of this.embedded) for (const caller of toCallerIndexes(index)) embedded.set(caller, vector);
    return new EmbeddingError({
      provider: this.provider,
      retryable: this.retryable,
      indexes,
      texts: indexes.map((i) => callerTexts[i] ?? ""),
      status: this.status,
      attempts: this.attempts,
      reason: this.reason,
      embedded,
      cause: this.cause,
    });
  }
}

function describe(details: EmbeddingErrorDetails): string {
  const status = details.status === undefined ? "" : ` (HTTP ${details.status})`;
  const attempts = details.attempts === undefined ? "" : ` after ${details.attempts} attempt${details.attempts === 1 ? "" : "s"}`;
  const preview = details.indexes
    .slice(0, PREVIEW_TEXTS)
    .map((index, i) => `#${index} ${JSON.stringify(truncate(details.texts[i] ?? ""))}`)
    .join(", ");
  const more = details.indexes.length > PREVIEW_TEXTS ? `, and ${details.indexes.length - PREVIEW_TEXTS} more` : "";
  const advice = details.retryable ? "retrying later can help" : "retrying will not help";
  return `${details.provider} embedding failed${status}${attempts}: ${details.reason}; ${details.indexes.length} text(s) not embedded: ${preview}${more} (${advice})`;
}

function truncate(text: string): string {
  return text.length <= PREVIEW_CHARS ? text : `${text.slice(0, PREVIEW_CHARS)}…`;
}

/** Empty texts carry no meaning and the services reject them; upstream chunking never makes them. */
export function assertNoEmptyTexts(provider: string, texts: readonly string[]): void {
  const indexes = texts.flatMap((text, index) => (text.length === 0 ? [index] : []));
  if (indexes.length === 0) return;
  throw new EmbeddingError({ provider, retryable: false, indexes, texts: indexes.map(() => ""), reason: "empty texts cannot be embedded" });
}
