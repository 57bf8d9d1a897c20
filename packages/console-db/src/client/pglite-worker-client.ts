import { Worker } from "node:worker_threads";
import type { PGlite, QueryOptions, Results, Transaction } from "@electric-sql/pglite";

/** What drizzle's PGlite driver (and this package) calls on a client: statements and transactions. */
export type PgliteLike = Pick<PGlite, "query" | "exec" | "transaction" | "close" | "closed">;

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { message: string; name?: string; stack?: string };
}

/**
 * The worker's module next to this one. A bundled app (the console's Next.js build) copies it away
 * from its packages, so it passes `file` instead (`@repo/console-db/pglite-worker`, resolved at run time).
 */
const WORKER_FILE = new URL("./pglite-worker.mjs", import.meta.url);

/**
 * PGlite on a worker thread, behind the client interface drizzle uses. PGlite's WASM is
 * synchronous: in-process, every statement of a sync stops this thread's event loop while it
 * runs, so a page or webhook request waits for it even when it does not need the database. Here
 * statements run on the worker; this thread only sends SQL and receives rows. Interactive
 * transactions stay open on the worker under an id until `transaction`'s callback settles.
 * The data directory's lock is the caller's (same process, same pid).
 */
export async function openPgliteWorker({ file, ...options }: { file?: string; dataDir?: string; startParams?: string[] }): Promise<PgliteLike> {
  // Reflect.construct: a bundler that sees `new Worker(<unknown path>)` traces every file of the project.
  const worker: Worker = Reflect.construct(Worker, [file ?? WORKER_FILE, { workerData: options }]);
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let closed = false;
  let exited: Error | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: Reply | { ready: boolean; error?: Reply["error"] }) => {
      if ("ready" in message) return message.ready ? resolve() : reject(rebuild(message.error!));
      const request = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) request?.resolve(message.value);
      else request?.reject(rebuild(message.error!));
    });
    const fail = (error: Error) => {
      closed = true;
      exited = error;
      reject(error);
      for (const request of pending.values()) request.reject(error);
      pending.clear();
    };
    worker.on("error", (error) => fail(new Error(`the PGlite worker failed: ${error.message}`)));
    worker.on("exit", (code) => fail(new Error(`the PGlite worker exited (code ${code})`)));
  });
  await ready.catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  const send = <T>(request: Record<string, unknown>): Promise<T> => {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id });
    });
  };

  const statements = (tx?: number) => ({
    query: <T>(sql: string, params?: unknown[], queryOptions?: QueryOptions) =>
      send<Results<T>>({ op: "query", sql, params, options: portable(queryOptions), tx }),
    exec: (sql: string) => send<Results[]>({ op: "exec", sql, tx }),
  });

  const client = {
    ...statements(),
    get closed() {
      return closed;
    },
    async transaction<T>(callback: (tx: Transaction) => Promise<T>): Promise<T> {
      const id = await send<number>({ op: "begin" });
      let ended = false;
      const tx = {
        ...statements(id),
        get closed() {
          return ended;
        },
        async rollback() {
          ended = true;
          await send({ op: "rollback", tx: id });
        },
      };
      let result: T;
      try {
        result = await callback(tx as unknown as Transaction);
      } catch (error) {
        if (!ended) {
          ended = true;
          await send({ op: "rollback", tx: id });
        }
        throw error;
      }
      if (!ended) {
        ended = true;
        await send({ op: "commit", tx: id });
      }
      return result;
    },
    async close() {
      if (closed) return;
      try {
        await send({ op: "close" });
      } finally {
        closed = true;
        await worker.terminate();
      }
    },
  };
  return client as unknown as PgliteLike;
}

/**
 * Query options as data. Functions cannot cross threads: drizzle's only per-query parsers return
 * some types' text as it is, which travel as their type ids; any other parser is refused.
 */
function portable(options: QueryOptions | undefined): Record<string, unknown> | undefined {
  if (!options) return undefined;
  const { parsers, serializers, ...rest } = options;
  if (serializers && Object.keys(serializers).length > 0) throw new Error("per-query serializers cannot cross to the PGlite worker");
  if (!parsers) return rest;
  const probe = "\u0000raw";
  const rawTextTypes = Object.entries(parsers).map(([oid, parse]) => {
    if (parse(probe, Number(oid)) !== probe) throw new Error(`a per-query parser for type ${oid} cannot cross to the PGlite worker`);
    return Number(oid);
  });
  return { ...rest, rawTextTypes };
}

/** The worker's error with its message, name and PGlite's fields (code, constraint, …). */
function rebuild(data: NonNullable<Reply["error"]>): Error {
  const error = new Error(data.message);
  Object.assign(error, data);
  return error;
}
