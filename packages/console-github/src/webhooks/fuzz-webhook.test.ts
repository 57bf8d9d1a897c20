import { describe, expect, it } from "vitest";
import { headersFor, payloads, SECRET } from "./fixtures.test-helpers";
import { receiveWebhook } from "./receive-webhook";

// A seeded generator (mulberry32) keeps the fuzz corpus identical on every run.
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomJson(next: () => number, depth = 0): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 4 : 6));
  if (pick === 0) return null;
  if (pick === 1) return next() < 0.5;
  if (pick === 2) return Math.floor(next() * 1e6) - 5e5;
  if (pick === 3) return next().toString(36);
  if (pick === 4) return Array.from({ length: Math.floor(next() * 4) }, () => randomJson(next, depth + 1));
  const keys = ["ref", "before", "after", "action", "installation", "repository", "id", "full_name", "forced", "repositories_added"];
  return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [keys[Math.floor(next() * keys.length)]!, randomJson(next, depth + 1)]));
}

const WRONG_TYPES: unknown[] = [null, 7, "x", true, [], {}, -1.5];

/** A real payload with one declared field (possibly nested) replaced by a value of the wrong type. */
function withWrongType(next: () => number, payload: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(payload);
  const paths: string[][] = [
    ["ref"],
    ["before"],
    ["after"],
    ["forced"],
    ["repository"],
    ["repository", "id"],
    ["repository", "full_name"],
    ["action"],
    ["installation"],
    ["installation", "id"],
    ["repositories_added"],
  ];
  const candidates = paths.filter((path) => (path.length === 1 ? path[0]! in copy : typeof copy[path[0]!] === "object" && copy[path[0]!] !== null));
  const path = candidates[Math.floor(next() * candidates.length)]!;
  const parent = path.length === 1 ? copy : (copy[path[0]!] as Record<string, unknown>);
  const key = path[path.length - 1]!;
  const original = JSON.stringify(parent[key]);
  const wrong = WRONG_TYPES.filter((value) => typeof value !== typeof parent[key] && JSON.stringify(value) !== original);
  parent[key] = wrong[Math.floor(next() * wrong.length)];
  return copy;
}

describe("1,000 fuzzed, validly signed deliveries", () => {
  it("each yields a typed rejection and none throws", async () => {
    const next = random(20240611);
    const events = Object.keys(payloads) as Array<keyof typeof payloads>;
    const codes = new Map<string, number>();
    for (let i = 0; i < 1000; i += 1) {
      const event = events[i % events.length]!;
      const valid = JSON.stringify(payloads[event]);
      const kind = i % 3;
      const body =
        kind === 0
          ? JSON.stringify(randomJson(next))
          : kind === 1
            ? valid.slice(0, Math.floor(next() * (valid.length - 1)))
            : JSON.stringify(withWrongType(next, { ...payloads[event] }));
      if (body.length === 0) continue;
      const result = await receiveWebhook({ secret: SECRET, headers: headersFor(event, body), rawBody: body });
      if (result.ok) {
        // A random value that happens to be well-formed must still be one of the typed events.
        expect(result.event.kind).toMatch(/^(push|installation|installation_repositories|repository|ignored)$/);
        codes.set("accepted", (codes.get("accepted") ?? 0) + 1);
        continue;
      }
      expect(["invalid-json", "invalid-payload"]).toContain(result.code);
      expect(result.status).toBe(400);
      codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
    }
    expect(codes.get("invalid-json")).toBeGreaterThan(300);
    expect(codes.get("invalid-payload")).toBeGreaterThan(500);
    expect(codes.get("accepted") ?? 0).toBeLessThan(20);
  });
});
