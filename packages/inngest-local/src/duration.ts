const unitMs: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses the SDK's time strings: durations like "1w2d3h4m5s" (what `timeStr` emits) and
 * ISO dates (what `sleepUntil` and Date timeouts emit). Returns an absolute epoch ms.
 */
export function resolveTime(value: string, now: number): number {
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const at = Date.parse(value);
    if (Number.isNaN(at)) throw new Error(`invalid date "${value}"`);
    return at;
  }
  return now + parseDuration(value);
}

export function parseDuration(value: string): number {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)\s*(ms|w|d|h|m|s)/g)];
  const consumed = parts.map((part) => part[0]).join("");
  if (parts.length === 0 || consumed.replace(/\s/g, "") !== trimmed.replace(/\s/g, "")) {
    throw new Error(`invalid duration "${value}" (expected e.g. "30s", "1h30m", "2d")`);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (unitMs[unit ?? "s"] ?? 0), 0);
}

/** `Retry-After` carries either whole seconds or an HTTP/ISO date. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return now + Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : at;
}
