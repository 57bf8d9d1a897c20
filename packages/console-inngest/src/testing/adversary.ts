import { createPgVectorStore, schema } from "@repo/console-db";
import { sourceVectorPrefix } from "@repo/console-types";
import { VirtualClock } from "@repo/inngest-local";
import { TestRepo } from "@repo/testing/github";
import { and, eq, isNull } from "drizzle-orm";
import { deleteRequested, githubPushReceived, syncRequested } from "../events";
import { connectedEvent, connectSource, type SourceSpec } from "../sync/catalog";
import { DEFAULT_TIMING } from "../sync/lease";
import { removeSource } from "../sync/remove-source";
import { queueSyncRequest } from "../sync/requests";
import { expectedVectorIds, filesAt } from "./ground-truth";
import { startProductionFakes, type ProductionFakes } from "./production-fakes";

/** mulberry32: a small seeded PRNG, so a failing schedule can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type OpKind = "push" | "force-push" | "redeliver" | "late-delivery" | "replay" | "remove-reconnect" | "tick" | "manual" | "pause" | "advance-time";

export interface Verdict {
  head: string;
  syncedCommit: string | null;
  expected: number;
  stored: number;
  /** Stored vectors no file at the head accounts for. */
  orphans: number;
  /** Vectors the head needs that are not stored (content lost). */
  lost: number;
  /** Ids stored more than once. */
  duplicates: number;
  problems: string[];
}

interface Push {
  deliveryId: string;
  after: string;
  before: string;
  forced: boolean;
}

const REPO_ID = 7070;
const FILES = 10;
const fileText = (name: string, rev: number) =>
  `// ${name} revision ${rev}\nexport function ${name.replace(/\W/g, "_")}(n: number): number {\n  return n * ${rev + 1};\n}\n`;

/**
 * One repository on the fake GitHub, one source, and an adversary that drives it with random
 * schedules of pushes, force-pushes, redeliveries, late and replayed deliveries, removals and
 * reconnects, scheduled ticks and paused holders, letting a random number of steps run between
 * them and moving virtual time at random. After each schedule settles, `verdict()` compares the
 * index with git + the chunker at the head, computed independently of the workflows.
 */
export class Adversary {
  private pushes: Push[] = [];
  private held: Push[] = [];
  private delivered: Push[] = [];
  private seq = 0;
  private removedConnection: number | null = null;
  private stepsDone = 0;
  skewMs = 0;
  readonly opsRun = new Map<OpKind, number>();

  private constructor(
    readonly fakes: ProductionFakes,
    readonly repo: TestRepo,
    readonly sourceId: string,
  ) {}

  static async start(): Promise<Adversary> {
    const repo = await TestRepo.create();
    await repo.writeFiles(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`src/f${i}.ts`, fileText(`f${i}`, 0)])));
    await repo.commit("seed");
    let adversary: Adversary | undefined;
    const fakes = await startProductionFakes([{ repo, id: REPO_ID, name: "chaos" }], "local+pgvector", {
      skewMs: () => adversary?.skewMs ?? 0,
      logger: (record) => {
        if (adversary && record.kind === "step") adversary.stepsDone++;
      },
      quietSdk: true,
    });
    const sourceId = await fakes.harness.connect(Adversary.spec());
    adversary = new Adversary(fakes, repo, sourceId);
    return adversary;
  }

  static spec(): SourceSpec {
    return {
      provider: "github",
      externalId: String(REPO_ID),
      fullName: "acme/chaos",
      owner: "acme",
      name: "chaos",
      location: "https://github.com/acme/chaos",
      branch: "main",
      installationId: null,
      syncIntervalMinutes: 60,
    };
  }

  get db() {
    return this.fakes.harness.database.db;
  }

  /** Runs one random schedule of `ops` operations, then lets everything settle. */
  async runSchedule(random: () => number, ops: number): Promise<OpKind[]> {
    const done: OpKind[] = [];
    for (let i = 0; i < ops; i++) {
      const kind = this.pick(random);
      await this.apply(kind, random);
      done.push(kind);
      this.opsRun.set(kind, (this.opsRun.get(kind) ?? 0) + 1);
      await this.letSomeStepsRun(Math.floor(random() * 12));
    }
    await this.settle();
    return done;
  }

  private pick(random: () => number): OpKind {
    const weighted: Array<[OpKind, number]> = [
      ["push", 5],
      ["force-push", 2],
      ["redeliver", 2],
      ["late-delivery", this.held.length > 0 ? 3 : 0],
      ["replay", 1],
      ["remove-reconnect", this.removedConnection === null ? 1 : 3],
      ["tick", 2],
      ["manual", 1],
      ["pause", 1],
      ["advance-time", 2],
    ];
    const total = weighted.reduce((n, [, w]) => n + w, 0);
    let roll = random() * total;
    for (const [kind, weight] of weighted) {
      roll -= weight;
      if (roll < 0) return kind;
    }
    return "push";
  }

  private async apply(kind: OpKind, random: () => number): Promise<void> {
    const { harness } = this.fakes;
    switch (kind) {
      case "push":
      case "force-push": {
        const before = await this.repo.head();
        if (kind === "force-push" && this.pushes.length > 0) await this.repo.resetHard("HEAD~1");
        await this.edit(random);
        const after = await this.repo.commit(`${kind} ${this.seq}`);
        const push: Push = { deliveryId: `d-${++this.seq}`, before, after, forced: kind === "force-push" };
        this.pushes.push(push);
        // Some deliveries are late: handled after newer ones.
        if (random() < 0.3) this.held.push(push);
        else await this.deliver(push);
        return;
      }
      case "redeliver": {
        const push = this.delivered[Math.floor(random() * this.delivered.length)];
        if (push) await this.deliver(push);
        return;
      }
      case "late-delivery": {
        const push = this.held.splice(Math.floor(random() * this.held.length), 1)[0];
        if (push) await this.deliver(push);
        return;
      }
      case "replay": {
        // The same body under a new delivery id (the id header is not signed).
        const push = this.delivered[Math.floor(random() * this.delivered.length)];
        if (push) await this.deliver({ ...push, deliveryId: `replay-${++this.seq}` });
        return;
      }
      case "remove-reconnect":
        if (this.removedConnection === null) {
          const removal = await removeSource({ db: this.db, now: () => this.now() }, this.sourceId, "chaos");
          if (removal) {
            this.removedConnection = removal.connection;
            // The removal's event may be handled before or after the reconnect.
            if (random() < 0.5) await harness.inngest.send(deleteRequested.create({ sourceId: this.sourceId, connection: removal.connection }));
            else this.pendingRemovalEvent = removal.connection;
          }
        } else await this.reconnect();
        return;
      case "tick":
      case "manual": {
        const trigger = kind === "tick" ? "schedule" : "manual";
        const [source] = await this.db.select({ status: schema.sources.status }).from(schema.sources).where(eq(schema.sources.id, this.sourceId));
        if (source?.status !== "active") return;
        const { requestId } = await queueSyncRequest(this.db, { sourceId: this.sourceId, commit: null, trigger });
        await harness.inngest.send(syncRequested.create({ sourceId: this.sourceId, requestId, commit: null, trigger }));
        return;
      }
      case "pause":
        // The world stands still for the functions' clock beyond a lease: a live holder looks dead.
        this.skewMs += DEFAULT_TIMING.leaseTtlMs + 30_000;
        return;
      case "advance-time": {
        const clock = harness.local.clock;
        if (clock instanceof VirtualClock) clock.advanceTo(clock.now() + Math.floor(random() * 90_000));
        return;
      }
    }
  }

  private pendingRemovalEvent: number | null = null;

  private async reconnect(): Promise<void> {
    const { harness } = this.fakes;
    const { source } = await connectSource(this.db, harness.workspaceId, harness.storeId, Adversary.spec());
    await harness.inngest.send(connectedEvent(source, "chaos"));
    if (this.pendingRemovalEvent !== null) {
      await harness.inngest.send(deleteRequested.create({ sourceId: this.sourceId, connection: this.pendingRemovalEvent }));
      this.pendingRemovalEvent = null;
    }
    this.removedConnection = null;
  }

  private async edit(random: () => number): Promise<void> {
    const present = (await this.repo.git(["ls-files"])).split("\n").filter(Boolean);
    const pickFile = () => present[Math.floor(random() * present.length)];
    const edits = 1 + Math.floor(random() * 3);
    for (let i = 0; i < edits; i++) {
      const roll = random();
      const path = pickFile();
      if (roll < 0.5 && path) await this.repo.writeFile(path, fileText(path, this.seq + i + 1));
      else if (roll < 0.7) await this.repo.writeFile(`src/n${this.seq}-${i}.ts`, fileText(`n${this.seq}_${i}`, 0));
      else if (roll < 0.85 && path && present.length > 3) {
        await this.repo.rm(path);
        present.splice(present.indexOf(path), 1);
      } else if (path && present.length > 1) {
        const to = `moved/${this.seq}-${i}-${path.split("/").pop()}`;
        await this.repo.mv(path, to);
        present.splice(present.indexOf(path), 1, to);
      }
    }
    // A commit needs a change: touch a marker file when the edits cancelled out.
    await this.repo.writeFile("CHANGES.md", `# Changes\n\nchange ${this.seq}\n`);
  }

  private async deliver(push: Push): Promise<void> {
    this.delivered.push(push);
    await this.fakes.harness.inngest.send(
      githubPushReceived.create({
        deliveryId: push.deliveryId,
        repositoryId: REPO_ID,
        repositoryFullName: "acme/chaos",
        ref: "refs/heads/main",
        before: push.before,
        after: push.after,
        forced: push.forced,
        deleted: false,
        created: false,
        installationId: null,
      }),
    );
  }

  /** Lets about `steps` step attempts run (fewer if the executor runs dry), so ops land mid-sync. */
  private async letSomeStepsRun(steps: number): Promise<void> {
    const target = this.stepsDone + steps;
    const local = this.fakes.harness.local;
    const deadline = Date.now() + 10_000;
    while (this.stepsDone < target && Date.now() < deadline) {
      const idle = local.waitForIdle().then(() => "idle" as const);
      const tick = new Promise<"tick">((resolve) => setTimeout(() => resolve("tick"), 5));
      if ((await Promise.race([idle, tick])) === "idle" && this.stepsDone < target) break;
    }
  }

  /** Every held delivery arrives, a removed source is connected again, then the executor runs dry. */
  async settle(): Promise<void> {
    for (const push of this.held.splice(0)) await this.deliver(push);
    if (this.removedConnection !== null) await this.reconnect();
    await this.fakes.harness.local.runUntilIdle();
  }

  private now(): Date {
    return new Date(this.fakes.harness.local.clock.now() + this.skewMs);
  }

  async verdict(): Promise<Verdict> {
    const head = await this.repo.head();
    const store = createPgVectorStore({ db: this.db, storeId: this.fakes.harness.storeId, dimensions: 384 });
    const listed = await store.listIds(sourceVectorPrefix(this.sourceId));
    const stored = new Set(listed);
    const expected = await expectedVectorIds(this.repo.dir, head, this.sourceId, filesAt(this.repo.dir, head));
    const [source] = await this.db.select().from(schema.sources).where(eq(schema.sources.id, this.sourceId));
    const pending = await this.db
      .select()
      .from(schema.syncRequests)
      .where(and(eq(schema.syncRequests.sourceId, this.sourceId), isNull(schema.syncRequests.consumedByJobId)));
    const open = await this.db
      .select()
      .from(schema.syncJobs)
      .where(and(eq(schema.syncJobs.sourceId, this.sourceId), eq(schema.syncJobs.status, "running")));
    const manifest = await this.db
      .select({ path: schema.documents.path, outcome: schema.documents.outcome })
      .from(schema.documents)
      .where(eq(schema.documents.sourceId, this.sourceId));
    const atHead = new Set(filesAt(this.repo.dir, head));
    const problems: string[] = [];
    if (source?.syncedCommit !== head) problems.push(`synced commit ${source?.syncedCommit ?? "none"} is not the head ${head}`);
    if (source?.leaseHolder) problems.push(`the source is still held by ${source.leaseHolder}`);
    if (source?.needsReconcile) problems.push("the source is still flagged for a reconcile");
    if (pending.length > 0) problems.push(`${pending.length} sync request(s) never taken`);
    if (open.length > 0) problems.push(`${open.length} job(s) still running`);
    const badRows = manifest.filter((d) => d.outcome !== "indexed" || !atHead.has(d.path));
    if (badRows.length > 0 || manifest.length !== atHead.size)
      problems.push(`manifest has ${manifest.length} rows (${badRows.length} not indexed or not at head) for ${atHead.size} files`);
    const orphans = [...stored].filter((id) => !expected.has(id)).length;
    const lost = [...expected].filter((id) => !stored.has(id)).length;
    const duplicates = listed.length - stored.size;
    if (orphans + lost + duplicates > 0) problems.push(`vectors: ${orphans} orphan, ${lost} lost, ${duplicates} duplicate`);
    return { head, syncedCommit: source?.syncedCommit ?? null, expected: expected.size, stored: stored.size, orphans, lost, duplicates, problems };
  }

  async close(): Promise<void> {
    await this.fakes.close();
    await this.repo.remove();
  }
}
