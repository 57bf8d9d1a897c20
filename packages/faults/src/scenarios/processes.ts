import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, createPgVectorStore, schema } from "@repo/console-db";
import { createTempPostgresDatabase, DEFAULT_ADMIN_URL } from "@repo/console-db/testing";
import type { SyncDeps } from "@repo/console-inngest";
import { beforeUpsert, expectedVectorIds, filesAt } from "@repo/console-inngest/testing";
import { sourceVectorPrefix } from "@repo/console-types";
import { startServer } from "@repo/inngest-local";
import { TestRepo } from "@repo/testing/github";
import { eq } from "drizzle-orm";
import postgres from "postgres";
// The console as a user runs it: a production build under `next start`, driven over HTTP.
import { freePort, latestLoginLink, startConsole } from "../../../../apps/console/src/browser/servers";
import { HttpClient } from "../../../../apps/console/src/testing/http-client";
import { check, faultThenConverge, withWorld, type Scenario } from "../scenario";
import { countDifferences, fileText, World, type IndexCounts } from "../world";

const FINISHED = new Set(["completed", "failed", "cancelled", "skipped"]);
// The command users run (a POSIX launcher that execs Node in the same process, so the pid killed is Node's).
const CLI = fileURLToPath(new URL("../../../../apps/cli/bin/tributary", import.meta.url));

async function repoOf(files: number): Promise<TestRepo> {
  const repo = await TestRepo.create();
  await repo.commitManyFiles(files, { under: "src", content: (i) => fileText(i), checkout: false });
  return repo;
}

/** The index of a PGlite data directory's only source, against git + chunker at the repo's head. */
async function dataDirAgainstHead(dataDir: string, repo: TestRepo): Promise<IndexCounts & { jobs: string[] }> {
  const database = await createDb({ dataDir });
  try {
    const [source] = await database.db.select().from(schema.sources);
    check(source, `no source in ${dataDir}`);
    const [store] = await database.db.select().from(schema.stores).where(eq(schema.stores.id, source.storeId));
    check(store, `no store for ${source.id}`);
    const head = await repo.head();
    check(source.syncedCommit === head, `synced commit ${source.syncedCommit?.slice(0, 7) ?? "none"} is not the head ${head.slice(0, 7)}`);
    const stored = await createPgVectorStore({ db: database.db, storeId: store.id, dimensions: store.embeddingDimensions }).listIds(
      sourceVectorPrefix(source.id),
    );
    const expected = await expectedVectorIds(repo.dir, head, source.id, filesAt(repo.dir, head));
    const jobs = (await database.db.select({ status: schema.syncJobs.status, createdAt: schema.syncJobs.createdAt }).from(schema.syncJobs)).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
    );
    return { ...countDifferences(expected, stored), jobs: jobs.map((j) => j.status) };
  } finally {
    await database.close();
  }
}

/** Processes dying and connections dropping under a running sync. */
export const processScenarios: Scenario[] = [
  {
    name: "postgres connections dropped mid-step",
    run: async () => {
      const temp = await createTempPostgresDatabase();
      const admin = postgres(DEFAULT_ADMIN_URL, { max: 1, onnotice: () => {} });
      // Postgres + pgvector as self-hosted users run it; Postgres + Pinecone where pgvector is missing.
      const [pgvector] = await admin`select 1 from pg_available_extensions where name = 'vector'`;
      const dbName = new URL(temp.url).pathname.slice(1);
      let drops = 0;
      let armed = false;
      try {
        return await withWorld(
          () =>
            World.open({
              databaseUrl: temp.url,
              services: pgvector ? "local+pgvector" : "openai+pinecone",
              wrapDeps: (deps: SyncDeps) => ({
                ...deps,
                vectorStore: (store) =>
                  beforeUpsert(deps.vectorStore(store), async () => {
                    if (!armed || drops >= 2) return;
                    drops++;
                    // Every connection of the app's pool is killed by the server, as in a failover.
                    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
                  }),
              }),
            }),
          async (w) => {
            const outcome = await faultThenConverge(w, { arm: () => (armed = true), allowed: ["succeeded"], served: () => drops });
            check(drops > 0, "no connection was dropped: the fault never fired");
            return { ...outcome, summary: `${outcome.summary} after ${drops} pool-wide drops (Postgres + ${pgvector ? "pgvector" : "Pinecone"})` };
          },
        );
      } finally {
        await admin.end({ timeout: 5 });
        await temp.drop();
      }
    },
  },
  {
    name: "kill -9 of the CLI mid-sync, then run again",
    run: async () => {
      const repo = await repoOf(700);
      const dataDir = await mkdtemp(join(tmpdir(), "tributary-faults-cli-"));
      try {
        const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
        const killed = await new Promise<{ signal: NodeJS.Signals | null }>((resolve, reject) => {
          const child = spawn("sh", [CLI, "sync", repo.dir, "--data-dir", dataDir], { env, stdio: ["ignore", "pipe", "pipe"] });
          let stderr = "";
          child.stderr.on("data", (chunk: Buffer) => {
            stderr += chunk.toString();
            const done = [...stderr.matchAll(/done=(\d+)\/(\d+)/g)].at(-1);
            if (done && Number(done[1]) > 0 && Number(done[1]) < Number(done[2])) child.kill("SIGKILL");
          });
          child.on("error", reject);
          child.on("close", (_code, signal) => resolve({ signal }));
        });
        check(killed.signal === "SIGKILL", "the CLI finished before it could be killed mid-sync");
        const rerun = await new Promise<number | null>((resolve, reject) => {
          const child = spawn("sh", [CLI, "sync", repo.dir, "--data-dir", dataDir], { env, stdio: "ignore" });
          child.on("error", reject);
          child.on("close", resolve);
        });
        check(rerun === 0, `the second run exited ${rerun}`);
        const index = await dataDirAgainstHead(dataDir, repo);
        check(index.jobs.join(",") === "superseded,succeeded", `jobs: ${index.jobs.join(", ")}`);
        return { summary: "killed job superseded, rerun succeeded", counts: index };
      } finally {
        await rm(dataDir, { recursive: true, force: true });
        await repo.remove();
      }
    },
  },
  {
    name: "kill -9 of the console mid-sync, then restart it",
    run: async () => {
      const repo = await repoOf(1500);
      const dataDir = await mkdtemp(join(tmpdir(), "tributary-faults-console-"));
      const executor = await startServer({ port: await freePort(), appUrls: [] });
      const port = await freePort();
      // Inngest (here inngest-local) outlives the app, as Inngest Cloud does: runs whose calls
      // fail while the console is down are retried once it is back.
      const env = {
        TRIBUTARY_DATA_DIR: dataDir,
        TRIBUTARY_MODE: "embedded",
        INNGEST_DEV: "1",
        INNGEST_BASE_URL: executor.url,
        TRIBUTARY_LEASE_TTL_SECONDS: "20",
        TRIBUTARY_BATCH_SILENCE_SECONDS: "15",
      };
      let console_ = await startConsole(port, env);
      try {
        await executor.local.sync(`${console_.url}/api/inngest`);
        const client = new HttpClient(console_.url);
        await client.page(latestLoginLink(console_.output()));
        const connect = await client.page("/connect");
        const submitted = await client.submit("/connect", connect.html, "Connect local repository", { path: repo.dir });
        check(submitted.status === 303, `connecting answered ${submitted.status}`);
        const processed = () => executor.local.runs().filter((r) => r.functionId.endsWith("documents-process") && r.status === "completed").length;
        const deadline = Date.now() + 180_000;
        while (processed() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        check(processed() > 0, "no batch finished before the deadline");
        console_.process.kill("SIGKILL");
        await new Promise((r) => console_.process.once("close", r));
        // Open = not finished: an orchestrator waiting for its batches or sleeping between polls counts.
        const unfinished = () => executor.local.runs().filter((r) => !FINISHED.has(r.status));
        const open = unfinished().length;
        const statuses = executor.local
          .runs()
          .map((r) => `${r.functionId.split("-").slice(-2).join("-")}:${r.status}`)
          .join(", ");
        check(open > 0, `the sync had already finished when the console was killed (${statuses})`);
        console_ = await startConsole(port, env);
        const settle = Date.now() + 300_000;
        while (unfinished().length > 0 && Date.now() < settle) await new Promise((r) => setTimeout(r, 250));
        console_.process.kill("SIGTERM");
        await new Promise((r) => console_.process.once("close", r));
        const index = await dataDirAgainstHead(dataDir, repo);
        check(index.jobs.at(-1) === "succeeded", `jobs: ${index.jobs.join(", ")}`);
        return { summary: `${open} runs open at the kill; the restarted console finished the job (${index.jobs.join(", ")})`, counts: index };
      } finally {
        if (console_.process.exitCode === null) console_.process.kill("SIGKILL");
        await executor.stop();
        await rm(dataDir, { recursive: true, force: true });
        await repo.remove();
      }
    },
  },
  {
    name: "data-dir lock left by a crashed process whose pid was reused",
    run: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "tributary-faults-lock-"));
      try {
        const first = await createDb({ dataDir });
        const lock = JSON.parse(await readFile(join(dataDir, "tributary.lock"), "utf8")) as { startTicks?: string };
        await first.close();
        // The crashed owner had this very pid but started at another time (node as PID 1 in a restarted container).
        await writeFile(
          join(dataDir, "tributary.lock"),
          JSON.stringify({ ...lock, pid: process.pid, startTicks: String(Number(lock.startTicks ?? 0) + 4242) }),
        );
        const reopened = await createDb({ dataDir });
        await reopened.close();
        return { summary: "the stale lock was taken over", counts: { lost: 0, duplicate: 0, orphan: 0 } };
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  },
];
