// PGlite on a worker thread (see pglite-worker-client.ts): its WASM runs here, so a long statement
// or transaction never blocks the event loop of the thread that serves requests. Plain JavaScript:
// the worker starts without a TypeScript loader, in the console's production build too.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { byteaParsers, byteaSerializers } from "./pglite-bytea.mjs";
import { installBinaryParameters } from "./pglite-binary-params.mjs";

const { dataDir, startParams } = workerData;
const transactions = new Map();
let nextTransaction = 1;
let client;

try {
  client = await PGlite.create({
    dataDir,
    extensions: { vector },
    serializers: byteaSerializers,
    parsers: byteaParsers,
    ...(startParams ? { startParams: [...PGlite.defaultStartParams, ...startParams] } : {}),
  });
  installBinaryParameters(client);
  parentPort.postMessage({ ready: true });
} catch (error) {
  parentPort.postMessage({ ready: false, error: describe(error) });
}

parentPort.on("message", async (request) => {
  try {
    parentPort.postMessage({ id: request.id, ok: true, value: await handle(request) });
  } catch (error) {
    parentPort.postMessage({ id: request.id, ok: false, error: describe(error) });
  }
});

/** Statements run on the open transaction they name, else on the client (PGlite queues them behind any open transaction). */
async function handle(request) {
  const target = request.tx === undefined ? client : transactions.get(request.tx)?.tx;
  if (!target) throw new Error(`transaction ${request.tx} is not open`);
  switch (request.op) {
    case "query":
      return target.query(request.sql, request.params, queryOptions(request.options));
    case "exec":
      return target.exec(request.sql);
    case "begin":
      return begin();
    case "commit":
    case "rollback":
      return finish(request.tx, request.op);
    case "close":
      if (!client.closed) await client.close();
      return null;
    default:
      throw new Error(`unknown operation ${request.op}`);
  }
}

/** Opens a PGlite transaction that stays open until the client sends commit or rollback with its id. */
function begin() {
  const id = nextTransaction++;
  return new Promise((opened, failedToOpen) => {
    let ended;
    const result = client.transaction(
      (tx) =>
        new Promise((commit, rollback) => {
          transactions.set(id, { tx, commit, rollback, ended: new Promise((resolve) => (ended = resolve)) });
          opened(id);
        }),
    );
    result.then(
      () => ended?.({ ok: true }),
      (error) => (transactions.has(id) ? ended?.({ ok: false, error }) : failedToOpen(error)),
    );
  });
}

async function finish(id, how) {
  const open = transactions.get(id);
  if (how === "commit") open.commit();
  else open.rollback(ROLLBACK);
  const outcome = await open.ended;
  transactions.delete(id);
  if (!outcome.ok && outcome.error !== ROLLBACK) throw outcome.error;
  return null;
}

const ROLLBACK = new Error("rolled back by the client");

/** Per-query parsers cannot cross threads; drizzle only asks for some types as raw text, by OID. */
function queryOptions(options) {
  if (!options) return undefined;
  const { rawTextTypes, ...rest } = options;
  return rawTextTypes ? { ...rest, parsers: Object.fromEntries(rawTextTypes.map((oid) => [oid, (value) => value])) } : rest;
}

/** An error as data: its message and PGlite's fields (code, detail, constraint, …) survive the trip. */
function describe(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = {};
  for (const [key, value] of Object.entries(error)) if (typeof value !== "function" && typeof value !== "object") fields[key] = value;
  return { ...fields, name: error.name, message: error.message, stack: error.stack };
}
