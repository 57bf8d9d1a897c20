import { schema, type Db } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, localSourceSpec, type Harness } from "../testing/harness";

// More documents than three slices of extraction (200 each), so slices are on the worker while
// others are written: every document's edges must land once, whatever order the slices finish in.
const FILES = 650;
const note = (i: number) => `# Note ${i}\n\nNext: [note ${(i + 1) % FILES}](note-${(i + 1) % FILES}.md), see #${i + 1}.\n`;

/**
 * The database with its `slice`-th write of edges (a transaction deleting relationships) failing
 * once, as a lost connection would: the slices after it are then still on the worker.
 */
function failingEdgeWrite(db: Db, slice: number, injected: { failures: number }): Db {
  let writes = 0;
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "transaction") return Reflect.get(target, property, receiver);
      return (work: (tx: Db) => Promise<unknown>, ...rest: unknown[]) =>
        (target.transaction as (...args: unknown[]) => Promise<unknown>)(
          (tx: Db) =>
            work(
              new Proxy(tx, {
                get(inner, name, innerReceiver) {
                  const value = Reflect.get(inner, name, innerReceiver);
                  if (name !== "delete") return typeof value === "function" ? value.bind(inner) : value;
                  return (table: unknown) => {
                    if (table === schema.relationships && ++writes === slice) {
                      injected.failures++;
                      throw new Error("connection lost while writing edges");
                    }
                    return (value as (t: unknown) => unknown).call(inner, table);
                  };
                },
              }),
            ),
          ...rest,
        );
    },
  });
}

describe.each([
  ["every write succeeding", undefined],
  ["the second write failing once (a retry of the step)", 2],
])("relationships.extract over several slices, %s", (_, failingSlice) => {
  let h: Harness;
  let repo: TestRepo;
  const injected = { failures: 0 };

  beforeAll(async () => {
    h = await createHarness(failingSlice ? { wrapDeps: (deps) => ({ ...deps, db: failingEdgeWrite(deps.db, failingSlice, injected) }) } : {});
    repo = await TestRepo.create();
    await repo.writeFiles(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`docs/note-${i}.md`, note(i)])));
    await repo.commit("notes");
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await repo?.remove();
  });

  it("writes every document's edges exactly once", async () => {
    const sourceId = await h.connect(localSourceSpec(repo.dir));
    expect(await h.lastJob(sourceId)).toMatchObject({ status: "succeeded", filesIndexed: FILES });
    const extractions = h.local.runs().filter((run) => run.functionId.endsWith("relationships-extract"));
    expect(extractions.map((run) => run.status)).toEqual(["completed"]);
    expect(injected.failures).toBe(failingSlice ? 1 : 0);
    const edges = await h.database.db.select().from(schema.relationships).where(eq(schema.relationships.sourceId, sourceId));
    const links = edges.filter((e) => e.kind === "link").map((e) => `${e.fromPath} -> ${e.targetPath}`);
    const refs = edges.filter((e) => e.kind === "issue_ref").map((e) => `${e.fromPath} -> ${e.target}`);
    const expectedLinks = Array.from({ length: FILES }, (_, i) => `docs/note-${i}.md -> docs/note-${(i + 1) % FILES}.md`);
    const expectedRefs = Array.from({ length: FILES }, (_, i) => `docs/note-${i}.md -> #${i + 1}`);
    expect(links.sort()).toEqual(expectedLinks.sort());
    expect(refs.sort()).toEqual(expectedRefs.sort());
    expect(edges).toHaveLength(2 * FILES);
  }, 120_000);
});
