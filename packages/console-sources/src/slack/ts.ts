/** Slack message timestamps ("1750000000.000100") as exact values: no float rounding. */
export function tsMicros(ts: string): bigint {
  const [seconds = "0", micros = ""] = ts.split(".");
  return BigInt(seconds) * 1_000_000n + BigInt(micros.padEnd(6, "0").slice(0, 6) || "0");
}

export function microsToTs(micros: bigint): string {
  const s = micros.toString().padStart(7, "0");
  return `${s.slice(0, -6)}.${s.slice(-6)}`;
}

export function compareTs(a: string, b: string): number {
  const d = tsMicros(a) - tsMicros(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

export function maxTs(a: string | undefined, b: string): string {
  return a === undefined || compareTs(b, a) > 0 ? b : a;
}

/** The UTC day ("2025-06-15") a message belongs to: unthreaded messages are grouped by it. */
export function dayOf(ts: string): string {
  return new Date(Number(tsMicros(ts) / 1000n)).toISOString().slice(0, 10);
}

/** [start, end) of a UTC day, as Slack ts strings (for oldest/latest). */
export function dayBounds(day: string): { oldest: string; latest: string } {
  const start = BigInt(Date.parse(`${day}T00:00:00Z`)) * 1000n;
  return { oldest: microsToTs(start), latest: microsToTs(start + 86_400_000_000n) };
}

/** Start of the UTC day `days` days before the day of `ts`. */
export function windowStart(ts: string, days: number): string {
  const start = BigInt(Date.parse(`${dayOf(ts)}T00:00:00Z`) - days * 86_400_000) * 1000n;
  return microsToTs(start);
}
