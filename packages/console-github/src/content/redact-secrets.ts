import { detectSecrets, type SecretKind, type SecretSpan } from "./secret-patterns";

export { SECRET_KINDS, type SecretKind } from "./secret-patterns";

/** Kind → how many spans of that kind were replaced. Never the values. */
export type RedactionCounts = Partial<Record<SecretKind, number>>;

export interface RedactionResult {
  text: string;
  /** Empty when nothing was found. */
  redactions: RedactionCounts;
}

/**
 * Replaces every high-confidence secret in a file's text with `[REDACTED <kind>]`, so the file
 * is still indexed but the secret never reaches a chunk, an embedding request or vector metadata.
 * The newlines of a replaced span are kept after the marker, so the line numbers of everything
 * after a multi-line private key still match the file. Pure: the same text always gives the same
 * result, whatever the file's path — contents are staged and cached by blob sha.
 */
export function redactSecrets(text: string): RedactionResult {
  const spans = disjoint(detectSecrets(text));
  if (spans.length === 0) return { text, redactions: {} };
  const redactions: RedactionCounts = {};
  let out = "";
  let at = 0;
  for (const span of spans) {
    const secret = text.slice(span.start, span.end);
    out += text.slice(at, span.start) + `[REDACTED ${span.kind}]` + "\n".repeat(countNewlines(secret));
    at = span.end;
    redactions[span.kind] = (redactions[span.kind] ?? 0) + 1;
  }
  return { text: out + text.slice(at), redactions };
}

/**
 * Overlapping finds (a JWT after `Bearer`, a GitHub token assigned to `token:`) become one: the
 * earliest start wins, then the longest span, then the more specific kind (detection order).
 */
function disjoint(spans: SecretSpan[]): SecretSpan[] {
  const ordered = spans.map((span, order) => ({ span, order })).sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end || a.order - b.order);
  const kept: SecretSpan[] = [];
  for (const { span } of ordered) {
    const last = kept.at(-1);
    if (last && span.start < last.end) continue;
    kept.push(span);
  }
  return kept;
}

function countNewlines(value: string): number {
  let count = 0;
  for (let i = value.indexOf("\n"); i >= 0; i = value.indexOf("\n", i + 1)) count += 1;
  return count;
}

const utf8 = new TextDecoder("utf-8");
const encoder = new TextEncoder();

/**
 * `redactSecrets` for a file's bytes (UTF-8: binaries and invalid text are skipped before this).
 * Returns the very same bytes when nothing was found, so the common case copies nothing.
 */
export function redactFileContent(content: Uint8Array): { content: Uint8Array; redactions: RedactionCounts } {
  const text = utf8.decode(content);
  const result = redactSecrets(text);
  if (Object.keys(result.redactions).length === 0) return { content, redactions: {} };
  return { content: encoder.encode(result.text), redactions: result.redactions };
}
