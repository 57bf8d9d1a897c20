import { schema } from "@repo/console-db";
import { TestRepo } from "@repo/testing/github";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, localSourceSpec, type Harness } from "../testing/harness";

// More documents than three slices of extraction (200 each), so slices are on the worker while
// others are written: every document's edges must land once, whatever order the slices finish in.
const FILES = 650;
const note = (i: number) => `# Note ${i}\n\nNext: [note ${(i + 1) % FILES}](note-${(i + 1) % FILES}.md), see #${i + 1}.\n`;

describe("relationships.extract over several slices", () => {
  let h: Harness;
  let repo: TestRepo;

  beforeAll(async () => {
    h = await createHarness();
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
