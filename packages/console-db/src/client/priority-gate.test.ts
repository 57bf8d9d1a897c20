import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../db-types";
import { queryRows } from "../query-rows";
import { createDb } from "./create-db";
import { PriorityGate, withDbPriority } from "./priority-gate";

// PGlite is one connection. A sync queues many statements and transactions on it; a page's read
// issued meanwhile must be served after the statement in flight, not after the whole queue.
describe("PGlite access queue: interactive before background", () => {
  let handle: Database;
  beforeAll(async () => {
    handle = await createDb({ memory: true });
    await handle.db.execute(sql`create table sync_writes (n int primary key, body text)`);
  });
  afterAll(() => handle.close());

  it("serves a read issued behind 40 queued background writes after at most the one in flight", async () => {
    const order: string[] = [];
    const writes = withDbPriority("background", () =>
      Array.from({ length: 40 }, (_, n) =>
        handle.db.execute(sql`insert into sync_writes values (${n}, repeat('x', 2000))`).then(() => order.push(`write ${n}`)),
      ),
    );
    // The page's read arrives while the writes are queued (the first one may be running).
    const read = queryRows(handle.db, sql`select count(*)::int as n from sync_writes`).then((rows) => {
      order.push("read");
      return rows;
    });
    await Promise.all([...writes, read]);
    const writesBefore = order.indexOf("read");
    expect(writesBefore).toBeLessThanOrEqual(1);
    expect(order).toHaveLength(41);
  });

  it("serves each query of a multi-query page between a sync's transactions, not after them all", async () => {
    const order: string[] = [];
    // A sync writing file by file: each transaction a few statements, issued back to back.
    const sync = withDbPriority("background", async () => {
      for (let file = 0; file < 30; file++) {
        await handle.db.transaction(async (tx) => {
          await tx.execute(sql`insert into sync_writes values (${1000 + file}, 'a') on conflict (n) do update set body = excluded.body`);
          await tx.execute(sql`update sync_writes set body = body || 'b' where n = ${1000 + file}`);
        });
        order.push(`file ${file}`);
      }
    });
    const queued = withDbPriority("background", () =>
      Array.from({ length: 30 }, (_, n) => handle.db.execute(sql`update sync_writes set body = 'y' where n = ${n}`).then(() => order.push(`write ${n}`))),
    );
    // A page: five reads one after another, each issued when the previous one answered.
    const page = (async () => {
      for (let q = 0; q < 5; q++) {
        await queryRows(handle.db, sql`select count(*)::int as n from sync_writes`);
        order.push(`read ${q}`);
      }
    })();
    await Promise.all([sync, ...queued, page]);
    const lastRead = order.indexOf("read 4");
    // Five reads, each after at most one background operation in flight.
    expect(lastRead).toBeLessThanOrEqual(4 + 5);
    expect(order.filter((e) => e.startsWith("file"))).toHaveLength(30);
  });

  it("counts what it admitted by priority", () => {
    expect(handle.gate?.admitted.interactive).toBeGreaterThan(0);
    expect(handle.gate?.admitted.background).toBeGreaterThanOrEqual(100);
  });
});

// A webhook records its delivery, sends it to Inngest, then records the outcome: with a sync's
// statements queued, the second write must not wait behind one admitted while the send was away.
describe("PriorityGate.holdBackground", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("keeps queued background operations off the connection while a request is between its statements", async () => {
    const gate = new PriorityGate();
    const order: string[] = [];
    // A sync's queue: each operation holds the connection for 40 ms.
    const sync = withDbPriority("background", () =>
      Array.from({ length: 5 }, (_, n) => gate.run("query", async () => (await sleep(40), order.push(`background ${n}`)))),
    );
    let secondWaited = Number.NaN;
    const webhook = gate.holdBackground(async () => {
      await gate.run("query", async () => order.push("claim"));
      await sleep(30); // the send to Inngest
      const asked = performance.now();
      await gate.run("query", async () => order.push("outcome"));
      secondWaited = performance.now() - asked;
    }, 1_000);
    await Promise.all([...sync, webhook]);
    // The claim waits for the one operation in flight; nothing else runs until the outcome is written.
    expect(order.slice(0, 3)).toEqual(["background 0", "claim", "outcome"]);
    expect(secondWaited).toBeLessThan(20);
    expect(order).toHaveLength(7);
  });

  it("lets background operations through after maxMs even if the request is still going", async () => {
    const gate = new PriorityGate();
    const order: string[] = [];
    const held = gate.holdBackground(async () => {
      await sleep(300);
      order.push("request done");
    }, 50);
    const background = withDbPriority("background", () => gate.run("query", async () => order.push("background")));
    await Promise.all([held, background]);
    expect(order).toEqual(["background", "request done"]);
  });

  it("never admits a background operation while the hold is open and the connection is free", async () => {
    const gate = new PriorityGate();
    let ran = false;
    const hold = gate.holdBackground(() => sleep(100), 1_000);
    const background = withDbPriority("background", () => gate.run("query", async () => (ran = true)));
    await sleep(60);
    expect(ran).toBe(false);
    await Promise.all([hold, background]);
    expect(ran).toBe(true);
  });
});
