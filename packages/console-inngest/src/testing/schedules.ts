import { VirtualClock, type InngestLocal } from "@repo/inngest-local";
import type { Db } from "@repo/console-db";
import type { ManagedVectorStore } from "../sync/deps";

/**
 * Stalls one vector write at a chosen moment: the step is mid-way (its lease checked, its vectors
 * not yet written) until the test releases it — a worker paused by GC, a network partition or a
 * stopped VM, which a lease cannot tell from a dead one.
 */
export function stallGate() {
  let armed: { reached: () => void; released: Promise<void> } | null = null;
  return {
    stallNextUpsert() {
      let reached!: () => void;
      let release!: () => void;
      const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      armed = { reached, released };
      return { reached: reachedPromise, release };
    },
    wrap(store: ManagedVectorStore): ManagedVectorStore {
      return beforeUpsert(store, async () => {
        const stall = armed;
        if (!stall) return;
        armed = null;
        stall.reached();
        await stall.released;
      });
    },
  };
}

/**
 * Polls until `condition` holds. With a virtual clock it also moves time on by `stepMs` per poll
 * without waiting for the executor to be idle (a stalled call keeps it busy), so waits and
 * retries of the other runs still come due.
 */
export async function waitFor(condition: () => Promise<boolean>, options: { local?: InngestLocal; stepMs?: number; timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    const clock = options.local?.clock;
    if (clock instanceof VirtualClock) clock.advanceTo(clock.now() + (options.stepMs ?? 1000));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Makes every query of the functions' database fail while `dark()` holds, as a Postgres
 * restart or a dropped connection would. The test's own handle stays usable.
 */
export function blackout(db: Db, dark: () => boolean): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (dark()) throw new Error("Connection terminated unexpectedly (the database is unavailable)");
        return value.apply(target, args);
      };
    },
  });
}

/** The store, with `hook` run before every upsert (to stall it, fail it, or pull the rug under it). */
export function beforeUpsert(store: ManagedVectorStore, hook: () => void | Promise<void>): ManagedVectorStore {
  return Object.assign(Object.create(store) as ManagedVectorStore, {
    upsert: async (records: Parameters<ManagedVectorStore["upsert"]>[0]) => {
      await hook();
      return store.upsert(records);
    },
  });
}
