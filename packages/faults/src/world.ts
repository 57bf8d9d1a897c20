import { createPgVectorStore, schema } from "@repo/console-db";
import { githubPushReceived, queueSyncRequest, syncRequested, type RuntimeConfig } from "@repo/console-inngest";
import {
  expectedVectorIds,
  filesAt,
  LOCAL_STORE,
  startProductionFakes,
  type HarnessOptions,
  type ProductionFakes,
  type Services,
} from "@repo/console-inngest/testing";
import { documentKey, sourceVectorPrefix } from "@repo/console-types";
import { TestRepo } from "@repo/testing/github";
import { asc, eq } from "drizzle-orm";

export interface IndexCounts {
  /** Vectors the head needs that are not stored. */
  lost: number;
  /** Extra copies of a chunk the head holds (same document and chunk, another id). */
  duplicate: number;
  /** Stored vectors no file at the head accounts for. */
  orphan: number;
}

export interface WorldOptions extends Pick<HarnessOptions, "wrapDeps" | "skewMs" | "databaseUrl"> {
  services?: Services;
  files?: number;
  runtime?: Partial<Omit<RuntimeConfig, "db">>;
}

const REPO_ID = 9090;
export const fileText = (i: number, rev = 0) => `export function unit${i}(n: number): number {\n  // revision ${rev}\n  return n + ${i * 1000 + rev};\n}\n`;

/**
 * One repository on the fake GitHub, connected and fully synced, with the production services
 * of choice (OpenAI + Pinecone SDKs against their fakes, or the embedded default).
 */
export class World {
  private deliveries = 0;
  private revision = 0;

  private constructor(
    readonly fakes: ProductionFakes,
    readonly repo: TestRepo,
    readonly sourceId: string,
    readonly services: Services,
  ) {}

  static async open(options: WorldOptions = {}): Promise<World> {
    const services = options.services ?? "openai+pinecone";
    const repo = await TestRepo.create();
    await repo.writeFiles(Object.fromEntries(Array.from({ length: options.files ?? 30 }, (_, i) => [`src/unit${i}.ts`, fileText(i)])));
    await repo.commit("seed");
    const fakes = await startProductionFakes([{ repo, id: REPO_ID, name: "faults" }], services, {
      quietSdk: true,
      ...(options.wrapDeps ? { wrapDeps: options.wrapDeps } : {}),
      ...(options.skewMs ? { skewMs: options.skewMs } : {}),
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      runtime: { requestTimeoutMs: 1_000, ...options.runtime },
    });
    try {
      const sourceId = await fakes.harness.connect({
        provider: "github",
        externalId: String(REPO_ID),
        fullName: "acme/faults",
        owner: "acme",
        name: "faults",
        location: "https://github.com/acme/faults",
        branch: "main",
        installationId: null,
        syncIntervalMinutes: 60,
      });
      const world = new World(fakes, repo, sourceId, services);
      const first = await world.lastJob();
      if (first.status !== "succeeded") throw new Error(`the first sync did not succeed: ${first.status} ${first.error ?? ""}`);
      return world;
    } catch (error) {
      await fakes.close();
      await repo.remove();
      throw error;
    }
  }

  get db() {
    return this.fakes.harness.database.db;
  }

  get local() {
    return this.fakes.harness.local;
  }

  /** Rewrites `count` files (from `from`) and commits; returns the new head. */
  async edit(count: number, from = 0): Promise<string> {
    this.revision++;
    for (let i = from; i < from + count; i++) await this.repo.writeFile(`src/unit${i}.ts`, fileText(i, this.revision));
    return this.repo.commit(`revision ${this.revision}`);
  }

  /** A push delivery for `after`, as github.push receives it from the webhook route. */
  async push(after: string, options: { deliveryId?: string; before?: string; forced?: boolean } = {}): Promise<string> {
    const deliveryId = options.deliveryId ?? `delivery-${++this.deliveries}`;
    await this.fakes.harness.inngest.send(
      githubPushReceived.create({
        deliveryId,
        repositoryId: REPO_ID,
        repositoryFullName: "acme/faults",
        ref: "refs/heads/main",
        before: options.before ?? "0".repeat(40),
        after,
        forced: options.forced ?? false,
        deleted: false,
        created: false,
        installationId: null,
      }),
    );
    return deliveryId;
  }

  /** A "Sync now". */
  async requestSync(): Promise<void> {
    const { requestId } = await queueSyncRequest(this.db, { sourceId: this.sourceId, commit: null, trigger: "manual" });
    await this.fakes.harness.inngest.send(syncRequested.create({ sourceId: this.sourceId, requestId, commit: null, trigger: "manual" }));
  }

  settle(): Promise<void> {
    return this.local.runUntilIdle();
  }

  async jobs() {
    return this.db.select().from(schema.syncJobs).where(eq(schema.syncJobs.sourceId, this.sourceId)).orderBy(asc(schema.syncJobs.createdAt));
  }

  async lastJob() {
    const job = (await this.jobs()).at(-1);
    if (!job) throw new Error("no job");
    return job;
  }

  async source() {
    const [source] = await this.db.select().from(schema.sources).where(eq(schema.sources.id, this.sourceId));
    if (!source) throw new Error("no source");
    return source;
  }

  async storedIds(): Promise<string[]> {
    if (this.services === "openai+pinecone") {
      return [...(this.fakes.pinecone.indexes.get("tributary-1536")?.namespace("production").keys() ?? [])].filter((id) =>
        id.startsWith(sourceVectorPrefix(this.sourceId)),
      );
    }
    return createPgVectorStore({ db: this.db, storeId: this.fakes.harness.storeId, dimensions: LOCAL_STORE.embeddingDimensions }).listIds(
      sourceVectorPrefix(this.sourceId),
    );
  }

  /** The index compared with git + the chunker at `commit` (computed without the workflows). */
  async compare(commit: string, paths?: readonly string[]): Promise<IndexCounts & { exact: boolean }> {
    const expected = await expectedVectorIds(this.repo.dir, commit, this.sourceId, paths ?? filesAt(this.repo.dir, commit));
    const stored = await this.storedIds();
    const scope = paths ? new Set(paths.map((p) => `${this.sourceId}:${documentKey(p)}:`)) : null;
    const inScope = scope ? stored.filter((id) => scope.has(id.slice(0, id.indexOf(":", this.sourceId.length + 1) + 1))) : stored;
    return { ...countDifferences(expected, inScope), exact: setsEqual(expected, inScope) };
  }

  async atHead(): Promise<IndexCounts & { exact: boolean; head: string; synced: string | null }> {
    const head = await this.repo.head();
    return { ...(await this.compare(head)), head, synced: (await this.source()).syncedCommit };
  }

  async close(): Promise<void> {
    await this.fakes.close();
    await this.repo.remove();
  }
}

export function countDifferences(expected: ReadonlySet<string>, stored: readonly string[]): IndexCounts {
  const chunkOf = (id: string) => id.slice(0, id.lastIndexOf(":"));
  const expectedChunks = new Set([...expected].map(chunkOf));
  const storedSet = new Set(stored);
  let duplicate = stored.length - storedSet.size;
  let orphan = 0;
  for (const id of storedSet) {
    if (expected.has(id)) continue;
    if (expectedChunks.has(chunkOf(id))) duplicate++;
    else orphan++;
  }
  const lost = [...expected].filter((id) => !storedSet.has(id)).length;
  return { lost, duplicate, orphan };
}

function setsEqual(a: ReadonlySet<string>, b: readonly string[]): boolean {
  const set = new Set(b);
  return set.size === a.size && b.length === set.size && [...a].every((id) => set.has(id));
}
