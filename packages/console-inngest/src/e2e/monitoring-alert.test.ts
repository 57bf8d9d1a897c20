import { schema } from "@repo/console-db";
import { SourceError } from "@repo/console-github";
import { TestRepo } from "@repo/testing/github";
import { FakeWebhookReceiver } from "@repo/testing/webhook-receiver";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordSignatureFailure, SIGNATURE_ALERT } from "../alerts/signature-failures";
import type { SourceSpec } from "../sync/catalog";
import { createHarness, type Harness } from "../testing/harness";

const SECRET = "alert-signing-secret";
const fn = (name: string) => `export function ${name}(): string {\n  return "${name}";\n}\n`;

/** The GitHub side of a sync, failing with a retryable 502 while `down` is set. */
function flakySource(down: () => boolean) {
  return (adapter: object) =>
    new Proxy(adapter, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== "resolveCommit" || typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (down()) throw new SourceError("server", "GitHub answered 502 Bad Gateway", { status: 502 });
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
}

describe("alert rules and their webhook", () => {
  let h: Harness;
  let receiver: FakeWebhookReceiver;
  let repo: TestRepo;
  let down = false;
  const spec = (interval: number): SourceSpec => ({
    provider: "local",
    externalId: repo.dir,
    fullName: "alerted",
    name: "alerted",
    owner: null,
    location: repo.dir,
    branch: "main",
    installationId: null,
    syncIntervalMinutes: interval,
  });
  const openAlerts = async (sourceId: string) =>
    h.database.db
      .select()
      .from(schema.alerts)
      .where(and(eq(schema.alerts.sourceId, sourceId), isNull(schema.alerts.resolvedAt)));

  beforeAll(async () => {
    receiver = new FakeWebhookReceiver({ secret: SECRET });
    const url = await receiver.start();
    repo = await TestRepo.create();
    await repo.writeFiles({ "src/a.ts": fn("alpha"), "README.md": "# Alerted\n" });
    await repo.commit("init");
    h = await createHarness({
      runtime: { embedding: { provider: "local" }, alerts: { webhook: { url, secret: SECRET } } },
      wrapDeps: (deps) => ({
        ...deps,
        sourceAdapter: (source) => flakySource(() => down)(deps.sourceAdapter(source)) as ReturnType<typeof deps.sourceAdapter>,
      }),
      // Only the alert cron runs: no scheduled sync may hide or add a failure.
      functions: { scheduleCron: "0 0 1 1 *" },
      quietSdk: true,
    });
  });
  afterAll(async () => {
    await h?.close();
    await receiver?.stop();
    await repo?.remove();
  });

  it("three failed syncs in a row: one signed alert, not repeated on the fourth, resolved after a success", async () => {
    const sourceId = await h.connect(spec(60));
    expect(await h.lastJob(sourceId)).toMatchObject({ status: "succeeded" });
    expect(receiver.received).toEqual([]);

    down = true;
    for (let i = 0; i < 2; i++) await h.sync(sourceId);
    expect(receiver.received).toEqual([]);
    await h.sync(sourceId);
    expect(await h.lastJob(sourceId)).toMatchObject({ status: "failed" });
    expect(receiver.received).toHaveLength(1);
    const [opened] = receiver.received;
    expect(opened!.validSignature).toBe(true);
    expect(opened!.json).toMatchObject({ alert: { kind: "consecutive-failures", state: "open", sourceId } });
    expect(String(opened!.json.text)).toMatch(/alerted: 3 syncs in a row failed; last: .*502/);

    await h.sync(sourceId);
    expect(receiver.received).toHaveLength(1);
    expect((await openAlerts(sourceId)).map((a) => a.kind)).toEqual(["consecutive-failures"]);
    // Each failed plan is a failed github.sync run: four dead letters, the source and job named.
    const letters = await h.database.db.select().from(schema.deadLetters).where(eq(schema.deadLetters.sourceId, sourceId));
    expect(letters).toHaveLength(4);
    expect(letters.every((l) => l.functionId === "tributary-github-sync" && l.jobId !== null && l.attempts === 4 && l.retryable)).toBe(true);

    down = false;
    await h.sync(sourceId);
    expect(await h.lastJob(sourceId)).toMatchObject({ status: "succeeded" });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.validSignature).toBe(true);
    expect(receiver.received[1]!.json).toMatchObject({ alert: { kind: "consecutive-failures", state: "resolved", sourceId } });
    expect(await openAlerts(sourceId)).toEqual([]);
    const open = await h.database.db
      .select()
      .from(schema.deadLetters)
      .where(and(eq(schema.deadLetters.sourceId, sourceId), isNull(schema.deadLetters.resolvedAt)));
    expect(open).toEqual([]);
  });

  it("a source with nothing new for three intervals is stale, on the virtual clock", async () => {
    const before = receiver.received.length;
    const other = await TestRepo.create();
    await other.writeFiles({ "README.md": "# Five minutes\n" });
    await other.commit("init");
    const sourceId = await h.connect({ ...spec(5), externalId: other.dir, location: other.dir, fullName: "five", name: "five" });
    const source = { id: sourceId };
    h.local.enableCrons();
    // 3 × 5 minutes after the last success; the alert cron evaluates every 5 minutes.
    await h.local.advanceTime(14 * 60_000);
    expect(receiver.received.length).toBe(before);
    await h.local.advanceTime(6 * 60_000);
    const notices = receiver.received.slice(before);
    expect(notices.map((n) => [n.json.alert, n.validSignature])).toEqual([[expect.objectContaining({ kind: "stale", state: "open" }), true]]);
    expect((await openAlerts(source!.id)).map((a) => a.kind)).toEqual(["stale"]);

    await h.sync(source!.id);
    expect(receiver.received.slice(before).map((n) => (n.json.alert as { state: string }).state)).toEqual(["open", "resolved"]);
    await other.remove();
  });

  it("an invalid tributary.yml and a repository that is gone alert at once, without retries", async () => {
    for (const breakIt of ["config", "gone"] as const) {
      const broken = await TestRepo.create();
      await broken.writeFiles({ "README.md": `# ${breakIt}\n` });
      await broken.commit("init");
      const sourceId = await h.connect({ ...spec(60), externalId: broken.dir, location: broken.dir, fullName: breakIt, name: breakIt });
      if (breakIt === "config") {
        await broken.writeFile("tributary.yml", "include:\n  - src/**\nmaxFileBytes: lots\n");
        await broken.commit("bad config");
      } else await broken.remove();
      await h.sync(sourceId);
      const jobs = await h.database.db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, sourceId));
      expect(jobs.map((j) => j.status).sort()).toEqual(["failed", "succeeded"]);
      expect((await openAlerts(sourceId)).map((a) => a.kind)).toEqual(["non-retryable"]);
      if (breakIt === "config") await broken.remove();
    }
  });

  it("a burst of bad-signature webhook deliveries: one workspace-wide alert, not repeated, resolved after a quiet window", async () => {
    h.local.enableCrons();
    const before = receiver.received.length;
    const mine = () => receiver.received.slice(before).filter((n) => (n.json.alert as { kind: string }).kind === SIGNATURE_ALERT);
    const forge = async (n: number) => {
      for (let i = 0; i < n; i++)
        await recordSignatureFailure(h.database.db, { deliveryId: `forged-${i}`, reason: "signature mismatch", at: new Date(h.local.clock.now()) });
    };
    await forge(4);
    await h.local.advanceTime(6 * 60_000);
    expect(mine()).toEqual([]);

    await forge(5);
    await h.local.advanceTime(5 * 60_000);
    expect(mine().map((n) => [n.json.alert, n.validSignature])).toEqual([[expect.objectContaining({ state: "open", sourceId: null }), true]]);
    expect(String(mine()[0]!.json.text)).toMatch(/bad signature in 10 min/);

    // Still coming: the alert stays the one open row, no second notice.
    await forge(5);
    await h.local.advanceTime(5 * 60_000);
    expect(mine()).toHaveLength(1);
    const open = await h.database.db
      .select()
      .from(schema.alerts)
      .where(and(eq(schema.alerts.kind, SIGNATURE_ALERT), isNull(schema.alerts.resolvedAt)));
    expect(open).toHaveLength(1);

    // A whole 10-minute window without one (an evaluation falls in the last 5 minutes of 16).
    await h.local.advanceTime(16 * 60_000);
    expect(mine().map((n) => (n.json.alert as { state: string }).state)).toEqual(["open", "resolved"]);
  });
});
