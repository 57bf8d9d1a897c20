/** Inngest's documented limits, enforced so a design that would fail on Inngest fails here too. */
export const limits = {
  stepOutputBytes: 4 * 1024 * 1024,
  runStateBytes: 32 * 1024 * 1024,
  stepsPerRun: 1000,
  eventBytes: 256 * 1024,
  eventsPerSend: 5000,
} as const;

export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}
