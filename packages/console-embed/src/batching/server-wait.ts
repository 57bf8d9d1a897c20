export interface HeaderReader {
  get(name: string): string | null;
}

/**
 * How long the server asked us to wait, in ms, or undefined when it did not say.
 * Order: `retry-after-ms` (OpenAI), `retry-after` (seconds or an HTTP date), then OpenAI's
 * `x-ratelimit-reset-*` for whichever budget is exhausted.
 */
export function serverWaitMs(headers: HeaderReader | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const millis = parseNumber(headers.get("retry-after-ms"));
  if (millis !== undefined) return millis;
  const retryAfter = headers.get("retry-after");
  const seconds = parseNumber(retryAfter);
  if (seconds !== undefined) return seconds * 1000;
  if (retryAfter) {
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return rateLimitResetMs(headers);
}

function rateLimitResetMs(headers: HeaderReader): number | undefined {
  const budgets = ["requests", "tokens"].map((kind) => ({
    remaining: parseNumber(headers.get(`x-ratelimit-remaining-${kind}`)),
    resetMs: parseDuration(headers.get(`x-ratelimit-reset-${kind}`)),
  }));
  const exhausted = budgets.filter((b) => b.remaining === 0 && b.resetMs !== undefined);
  const candidates = (exhausted.length > 0 ? exhausted : budgets).flatMap((b) => (b.resetMs === undefined ? [] : [b.resetMs]));
  return candidates.length > 0 ? Math.max(...candidates) : undefined;
}

function parseNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** OpenAI's reset format: "20ms", "1s", "6m0s", "1h2m3.5s". */
export function parseDuration(value: string | null): number | undefined {
  if (!value) return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let consumed = "";
  for (const match of value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(match[1]) * (units[match[2]!] ?? 0);
    consumed += match[0];
  }
  return consumed === value.trim() && consumed !== "" ? total : undefined;
}
