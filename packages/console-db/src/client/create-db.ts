import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { Database } from "../db-types";
import * as schema from "../schema";
import { lockDataDir } from "./data-dir-lock";
import { byteaParsers, byteaSerializers } from "./pglite-bytea.mjs";
import { installBinaryParameters } from "./pglite-binary-params.mjs";
import { markFloat32Vectors } from "./float32-vectors";
import { openPgliteWorker, type PgliteLike } from "./pglite-worker-client";
import { PriorityGate, type DbOperationTiming } from "./priority-gate";
import { clearDataDir, unpackTemplateFile, wantsTemplate } from "./unpack-template";

/** PGlite's compiled WebAssembly (a WebAssembly.Module), typed from its own options. */
export type PgliteWasmModule = NonNullable<PGliteOptions["pgliteWasmModule"]>;

export type CreateDbOptions =
  /** A Postgres server through postgres.js (production, tests on 127.0.0.1:5432). */
  | { url: string; maxConnections?: number }
  /**
   * PGlite persisted in a directory, owned by this process until close(). `smallBufferPool` suits a
   * short read (search, status): PGlite zeroes its whole shared memory at every start, which with
   * the default 128 MB buffer pool is most of its start-up time.
   */
  | ({
      dataDir: string;
      smallBufferPool?: boolean;
      /**
       * A tarball of a freshly initialised data directory (writePgliteTemplate) to unpack when
       * `dataDir` is new, instead of running initdb: PGlite's initdb takes several seconds of CPU,
       * unpacking (unpack-template.ts) a tenth of that. When it is missing, damaged or for another
       * PGlite version, what was unpacked is cleared and initdb runs.
       */
      template?: string;
    } & PgliteOptions)
  /** PGlite in memory (tests, throwaway runs). */
  | ({ memory: true } & PgliteOptions);

interface PgliteOptions {
  /**
   * PGlite's buffer pool (shared_buffers, e.g. "32MB"; Postgres' default is 128MB). PGlite zeroes
   * all of it at start, so all of it is resident for the process's life; ignored with smallBufferPool.
   */
  sharedBuffers?: string;
  /**
   * PGlite's WAL buffers (wal_buffers, e.g. "4MB"), for a process that writes a lot. Postgres
   * sizes them at 1/32 of the buffer pool, so the small pool's are 256 kB: a 3,000-file sync then
   * wrote its ~260 MB of WAL in ~26,000 write calls, ~1,000 with 4 MB (the default pool's size;
   * each call is a system call on the thread that runs PGlite). Zeroed and resident like the pool.
   */
  walBuffers?: string;
  /**
   * Called after every operation on PGlite's one connection with how long it waited for and held
   * it (tracing: what keeps a page waiting during a sync).
   */
  onOperation?: (timing: DbOperationTiming) => void;
  /**
   * Run PGlite on a worker thread (pglite-worker-client.ts): its WASM then never blocks this
   * thread's event loop — for a server (the console) that answers requests while a sync writes.
   */
  worker?: boolean;
  /** The worker's module when this package runs bundled (see openPgliteWorker). */
  workerFile?: string;
  /**
   * PGlite's WebAssembly (its pglite.wasm), compiled by the caller — started early, the compile
   * runs on V8's background threads while the caller loads its modules. When it fails, PGlite
   * compiles its own. In-process PGlite only (the worker compiles on its thread).
   */
  wasmModule?: Promise<PgliteWasmModule>;
  /**
   * PGlite without pgvector's library (~80 ms less to open): for a short reader that touches no
   * vector value, such as the CLI's no-change re-sync check. A statement that needs one fails
   * ("could not access file"), so the caller must have a way out. In-process PGlite only.
   */
  withoutVector?: boolean;
}

/**
 * Opens the database; call `migrate(handle.db)` before use. PGlite always has pgvector loaded, and
 * not pg_trgm: loading it added ~0.3 s to every CLI start and the trigram index's upkeep slowed a
 * 3,000-file sync by ~5% (bench:cli), while the vocabulary scan it replaces for partial
 * identifiers is small on one machine. Migration 0008 installs it where a server has it.
 */
export async function createDb(options: CreateDbOptions): Promise<Database> {
  if ("url" in options) return openPostgres(options.url, options.maxConnections ?? 10);
  if ("dataDir" in options) return openPglite(options.dataDir, options.smallBufferPool === true, options.template, options);
  return openPglite(undefined, false, undefined, options);
}

/** postgres.js and its drizzle driver load only for a Postgres URL (the embedded default never needs them). */
async function openPostgres(url: string, max: number): Promise<Database> {
  const [{ default: postgres }, { drizzle: drizzlePostgres }] = await Promise.all([import("postgres"), import("drizzle-orm/postgres-js")]);
  // Notices ("relation already exists, skipping") are expected from idempotent DDL; not log-worthy.
  const client = postgres(url, { max, onnotice: () => {} });
  return {
    db: drizzlePostgres({ client, schema }),
    kind: "postgres",
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Writes the template `createDb({ dataDir, template })` unpacks: a data directory fresh from
 * initdb (in memory), as a gzipped tarball. Build it with the PGlite that will load it. With
 * `migrated`, the bundled migrations are applied first, so a new data directory opens current
 * (its `migrate` is one read) instead of running every migration's DDL: about a third of a first
 * sync's runtime start. A template older than the bundled migrations still works: `migrate`
 * applies the ones it lacks. With `withVectorExtension`, pgvector's extension is created in it too
 * (without, the first store to be ensured creates it). With `onlyDefaultDatabase`, initdb's two
 * template databases (template0, template1), which nothing here connects to or copies, are
 * dropped: a data directory from it starts with ~370 files instead of ~1,100 (each a file to
 * create at unpack) and a ~25 MB template instead of ~42 MB. Nothing then can CREATE DATABASE
 * from template1; PGlite opens the default database, `postgres`, only.
 */
export async function writePgliteTemplate(
  path: string,
  options: { migrated?: boolean; withVectorExtension?: boolean; onlyDefaultDatabase?: boolean; compression?: "gzip" | "none" } = {},
): Promise<void> {
  const { writeFile, rename } = await import("node:fs/promises");
  const client = await PGlite.create({ extensions: { vector } });
  try {
    if (options.migrated) {
      const { migrate } = await import("../migrate");
      await migrate(drizzlePglite({ client, schema }));
    }
    // What a store's first ensureVectorTable would do (~0.12 s of a first sync's start otherwise).
    if (options.withVectorExtension) await client.exec("create extension if not exists vector");
    // One statement per exec: DROP DATABASE refuses to run inside a (multi-statement) transaction.
    if (options.onlyDefaultDatabase)
      for (const name of ["template1", "template0"]) {
        await client.exec(`alter database ${name} is_template false`);
        await client.exec(`drop database ${name}`);
      }
    const dump = await client.dumpDataDir(options.compression ?? "gzip");
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, path);
  } finally {
    await client.close();
  }
}

/**
 * Fills a new data directory (nothing in it but our lock, or a template unpack cut short) from
 * the template; true when it did. A template that cannot be read or unpacked leaves the
 * directory empty, and PGlite runs initdb.
 */
function fromTemplate(dataDir: string, template: string): boolean {
  if (!wantsTemplate(dataDir)) return false;
  try {
    unpackTemplateFile(dataDir, template);
    return true;
  } catch {
    clearDataDir(dataDir);
    return false;
  }
}

// Single-user mode needs no connection slots; each slot also takes shared memory to zero.
const SMALL_POOL = ["-c", "shared_buffers=8MB", "-c", "max_connections=8"];

/**
 * WAL settings of every PGlite. wal_init_zero=off: a new 16 MB WAL segment is created by writing
 * its last byte instead of 16 MB of zeros — about half of the WAL bytes a 3,000-file full sync
 * wrote on this machine's main thread (600 → 315 MB). Safe after a kill -9 as after a clean exit:
 * the unwritten part of the file reads as zeros, exactly what the zero-fill wrote, and recovery
 * stops at the first invalid record either way (zero-filling only reserves the disk space up front,
 * which PGlite, running with fsync off, never relies on).
 *
 * Left at their defaults, measured or read: checkpoint_timeout/max_wal_size (single-user mode,
 * which PGlite runs, has no checkpointer: no checkpoint happens mid-session anyway);
 * full_page_writes (a torn page after a kill mid-write would be unrecoverable without it);
 * synchronous_commit (off would lose the last commits on a kill -9, while files outside the
 * database, like the CLI's synced-heads note, already claim them).
 */
const WAL_SETTINGS = ["-c", "wal_init_zero=off"];

async function openPglite(
  dataDir: string | undefined,
  smallBufferPool: boolean,
  template: string | undefined,
  { onOperation, worker, workerFile, sharedBuffers, walBuffers, wasmModule, withoutVector }: PgliteOptions,
): Promise<Database> {
  const pool = smallBufferPool ? SMALL_POOL : sharedBuffers ? ["-c", `shared_buffers=${sharedBuffers}`] : [];
  const settings = [...WAL_SETTINGS, ...pool, ...(walBuffers ? ["-c", `wal_buffers=${walBuffers}`] : [])];
  const lock = dataDir === undefined ? undefined : lockDataDir(dataDir);
  let client: PgliteLike;
  const open = async (): Promise<PgliteLike> => {
    if (worker)
      return openPgliteWorker({
        ...(workerFile ? { file: workerFile } : {}),
        ...(dataDir ? { dataDir } : {}),
        startParams: settings,
      });
    const compiled = await wasmModule?.catch(() => undefined);
    const pglite = await PGlite.create({
      dataDir,
      extensions: withoutVector ? {} : { vector },
      serializers: byteaSerializers,
      parsers: byteaParsers,
      ...(compiled ? { pgliteWasmModule: compiled } : {}),
      startParams: [...PGlite.defaultStartParams, ...settings],
    });
    installBinaryParameters(pglite);
    return pglite;
  };
  try {
    const unpacked = dataDir !== undefined && template !== undefined && fromTemplate(dataDir, template);
    client = unpacked
      ? await open().catch(() => {
          // A damaged template: the directory held nothing before, so clear what was unpacked and run initdb.
          clearDataDir(dataDir!);
          return open();
        })
      : await open();
  } catch (error) {
    lock?.release();
    throw error;
  }
  const gate = new PriorityGate(onOperation);
  // drizzle's driver types its client as the PGlite class; it calls only `query` and `transaction`.
  const db = drizzlePglite({ client: gated(client, gate) as PGlite, schema });
  // Both clients (in process and on the worker) installed installBinaryParameters.
  markFloat32Vectors(db);
  return {
    db,
    kind: "pglite",
    gate,
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * The client drizzle sees: PGlite with every statement and transaction admitted through `gate`
 * (drizzle's PGlite driver calls only `query` and `transaction` on it; a transaction's own
 * statements run on the transaction object and hold the gate they were admitted under).
 */
function gated(client: PgliteLike, gate: PriorityGate): PgliteLike {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "query")
        return (...args: Parameters<PgliteLike["query"]>) => gate.run("query", () => target.query(...args), String(args[0]).slice(0, 80));
      if (property === "transaction") return (...args: Parameters<PgliteLike["transaction"]>) => gate.run("transaction", () => target.transaction(...args));
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
