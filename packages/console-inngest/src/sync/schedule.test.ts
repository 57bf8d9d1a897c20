import { describe, expect, it } from "vitest";
import { CONNECT_GRACE_MS, effectiveInterval, jitterMs, scheduleOf } from "./schedule";

const base = {
  id: "src_a",
  status: "active" as const,
  syncIntervalMinutes: 60,
  config: null,
  syncedAt: new Date("2026-01-01T00:00:00Z"),
  scheduleCheckedAt: null,
  leaseHolder: null,
  leaseExpiresAt: null,
  createdAt: new Date("2025-12-31T00:00:00Z"),
};

describe("per-source schedule", () => {
  it("takes tributary.yml's interval over the setting, never below 5 minutes", () => {
    expect(effectiveInterval(base)).toEqual({ intervalMinutes: 60, intervalFrom: "settings" });
    expect(effectiveInterval({ ...base, config: { schedule: { intervalMinutes: 15 } } })).toEqual({ intervalMinutes: 15, intervalFrom: "tributary.yml" });
    expect(effectiveInterval({ ...base, syncIntervalMinutes: 1 })).toEqual({ intervalMinutes: 5, intervalFrom: "settings" });
  });

  it("comes due one interval after the later of the last sync and the last check, up to 10% early", () => {
    const next = scheduleOf({ ...base, scheduleCheckedAt: new Date("2026-01-01T00:30:00Z") }).nextRunAt!.getTime();
    const nominal = Date.parse("2026-01-01T01:30:00Z");
    expect(next).toBeLessThanOrEqual(nominal);
    expect(next).toBeGreaterThan(nominal - 6 * 60_000);
    expect(scheduleOf({ ...base, status: "paused" }).nextRunAt).toBeNull();
  });

  it("gives a source never synced nor checked its connect sync's grace from its creation, then comes due", () => {
    const createdAt = new Date("2026-02-01T12:00:00Z");
    expect(scheduleOf({ ...base, syncedAt: null, createdAt }).nextRunAt).toEqual(new Date(createdAt.getTime() + CONNECT_GRACE_MS));
    // Checked once (the head lookup failed, say): one interval after the check, as for any source.
    const checked = scheduleOf({ ...base, syncedAt: null, createdAt, scheduleCheckedAt: new Date("2026-02-01T12:10:00Z") }).nextRunAt!.getTime();
    expect(checked).toBeGreaterThan(Date.parse("2026-02-01T13:04:00Z"));
  });

  it("spreads sources with the same interval over different phases", () => {
    const phases = new Set(Array.from({ length: 50 }, (_, i) => jitterMs(`src_${i}`, 60)));
    expect(phases.size).toBeGreaterThan(40);
    for (const phase of phases) expect(phase).toBeLessThan(5 * 60_000);
  });
});
