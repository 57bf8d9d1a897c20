import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { migrate } from "../migrate";
import { queryRows } from "../query-rows";
import { workspaces } from "../schema";
import { createDb } from "./create-db";
import { DataDirInUseError } from "./data-dir-lock";

// One directory for the whole file: creating a cluster (initdb) costs seconds, reopening it does not.
const dataDir = mkdtempSync(join(tmpdir(), "tributary-pglite-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("PGlite in a data directory", () => {
  it("keeps its data across close and reopen", async () => {
    const first = await createDb({ dataDir });
    await migrate(first.db);
    await first.db.insert(workspaces).values({ id: "ws_persisted", slug: "persisted", name: "Persisted" });
    await first.close();

    const second = await createDb({ dataDir });
    try {
      expect(await migrate(second.db)).toEqual({ applied: 0 });
      const rows = await second.db.select().from(workspaces).where(eq(workspaces.id, "ws_persisted"));
      expect(rows.map((r) => r.name)).toEqual(["Persisted"]);
    } finally {
      await second.close();
    }
  });

  it("starts with the buffer pool it is given (the default 128MB is all resident)", async () => {
    const database = await createDb({ dataDir, sharedBuffers: "32MB" });
    try {
      expect(await queryRows(database.db, sql`show shared_buffers`)).toEqual([{ shared_buffers: "32MB" }]);
    } finally {
      await database.close();
    }
  });

  it("starts with the WAL buffers it is given, beside the small pool (whose own would be 256kB)", async () => {
    const database = await createDb({ dataDir, smallBufferPool: true, walBuffers: "4MB" });
    try {
      expect(await queryRows(database.db, sql`select current_setting('wal_buffers') as wal, current_setting('shared_buffers') as pool`)).toEqual([
        { wal: "4MB", pool: "8MB" },
      ]);
    } finally {
      await database.close();
    }
    const small = await createDb({ dataDir, smallBufferPool: true });
    try {
      expect(await queryRows(small.db, sql`show wal_buffers`)).toEqual([{ wal_buffers: "256kB" }]);
    } finally {
      await small.close();
    }
  });

  it("opens without pgvector's library when asked: tables read as before, a vector value fails", async () => {
    const setup = await createDb({ dataDir });
    try {
      await migrate(setup.db);
      await setup.db.execute(sql`create extension if not exists vector`);
      expect(await queryRows(setup.db, sql`select '[1,2]'::vector(2)::text as v`)).toEqual([{ v: "[1,2]" }]);
    } finally {
      await setup.close();
    }
    const plain = await createDb({ dataDir, withoutVector: true, smallBufferPool: true });
    try {
      expect(await queryRows(plain.db, sql`select slug from workspaces where id = 'ws_persisted'`)).toEqual([{ slug: "persisted" }]);
      await expect(queryRows(plain.db, sql`select '[1,2]'::vector(2)::text as v`)).rejects.toThrow(/vector/);
    } finally {
      await plain.close();
    }
  });

  it("runs the WebAssembly module it is given (compiled ahead by the caller) instead of compiling its own", async () => {
    const wasm = join(dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite")), "pglite.wasm");
    const compiled = await WebAssembly.compile(readFileSync(wasm));
    const instantiate = vi.spyOn(WebAssembly, "instantiate");
    try {
      const database = await createDb({ dataDir, wasmModule: Promise.resolve(compiled) });
      try {
        expect(await queryRows(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
      } finally {
        await database.close();
      }
      const sources = instantiate.mock.calls.map(([source]) => source);
      expect(sources).toContain(compiled);
      expect(sources.filter((source) => !(source instanceof WebAssembly.Module) && source.byteLength > 8_000_000)).toEqual([]);
    } finally {
      instantiate.mockRestore();
    }
  });

  it("compiles its own WebAssembly when the given compile failed", async () => {
    const database = await createDb({ dataDir, wasmModule: Promise.reject(new Error("no pglite.wasm here")) });
    try {
      expect(await queryRows(database.db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    } finally {
      await database.close();
    }
  });

  it("creates WAL segments without writing 16 MB of zeros first (wal_init_zero off)", async () => {
    const database = await createDb({ dataDir, sharedBuffers: "32MB" });
    try {
      expect(await queryRows(database.db, sql`show wal_init_zero`)).toEqual([{ wal_init_zero: "off" }]);
    } finally {
      await database.close();
    }
  });

  it("refuses a second open in this process until the first is closed", async () => {
    const first = await createDb({ dataDir });
    const error = await createDb({ dataDir }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect(error).toMatchObject({ pid: process.pid, retryable: false });
    await first.close();
    const again = await createDb({ dataDir });
    await again.close();
  });

  it("refuses a directory held by another live process, naming that process", async () => {
    const holder = await startHolder(dataDir);
    try {
      const error = await createDb({ dataDir }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DataDirInUseError);
      expect((error as DataDirInUseError).pid).toBe(holder.pid);
      expect((error as Error).message).toMatch(new RegExp(`in use by process ${holder.pid}`));
    } finally {
      await stopHolder(holder);
    }
    const after = await createDb({ dataDir });
    await after.close();
  }, 60_000);

  it("takes over a lock left behind by a process that no longer exists", async () => {
    const deadPid = await pidOfFinishedProcess();
    writeFileSync(join(dataDir, "tributary.lock"), JSON.stringify({ pid: deadPid, host: (await import("node:os")).hostname() }));
    const handle = await createDb({ dataDir });
    await handle.close();
  });

  it("takes over a lock whose pid was reused by another process (a restarted container: node as PID 1)", async () => {
    const lock = join(dataDir, "tributary.lock");
    // The crashed owner had our pid, but it started at another time.
    const mine = await lockAsWritten();
    writeFileSync(lock, JSON.stringify({ ...mine, startTicks: String(Number(mine.startTicks) + 12345) }));
    const handle = await createDb({ dataDir });
    await handle.close();
    // …while the same pid with the same start time is this very process: held.
    const first = await createDb({ dataDir });
    try {
      await expect(createDb({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await first.close();
    }
  });

  it("takes over a lock whose process has exited but is not reaped yet (a zombie)", async () => {
    // sh's background child exits; its parent (sh, now exec'd into sleep) never reaps it.
    const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 30"], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      const pid = Number(await new Promise<string>((resolve) => parent.stdout!.once("data", (chunk: Buffer) => resolve(chunk.toString()))));
      const stat = () =>
        readFileSync(`/proc/${pid}/stat`, "utf8")
          .slice(readFileSync(`/proc/${pid}/stat`, "utf8").lastIndexOf(")") + 2)
          .split(" ");
      await vi.waitFor(() => expect(stat()[0]).toBe("Z"), { timeout: 5000 });
      const mine = await lockAsWritten();
      writeFileSync(join(dataDir, "tributary.lock"), JSON.stringify({ ...mine, pid, startTicks: stat()[19] }));
      const handle = await createDb({ dataDir });
      await handle.close();
    } finally {
      parent.kill("SIGKILL");
    }
  });

  it("takes over a lock written before the last reboot", async () => {
    const lock = join(dataDir, "tributary.lock");
    const mine = await lockAsWritten();
    writeFileSync(lock, JSON.stringify({ ...mine, bootId: "00000000-0000-0000-0000-000000000000" }));
    const handle = await createDb({ dataDir });
    await handle.close();
  });
});

/** The lock file as this process writes it (read while the directory is held). */
async function lockAsWritten(): Promise<{ pid: number; host: string; bootId: string; startTicks: string }> {
  const holder = await createDb({ dataDir });
  try {
    return JSON.parse(readFileSync(join(dataDir, "tributary.lock"), "utf8"));
  } finally {
    await holder.close();
  }
}
const HOLDER = fileURLToPath(new URL("./fixtures/hold-data-dir.ts", import.meta.url));

function startHolder(dataDir: string): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", HOLDER, dataDir], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`holder exited early with ${code}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready") && child.pid !== undefined) resolve(Object.assign(child, { pid: child.pid }));
    });
  });
}

function stopHolder(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.stdin?.end();
  });
}

function pidOfFinishedProcess(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  return new Promise((resolve) => child.once("exit", () => resolve(child.pid!)));
}
