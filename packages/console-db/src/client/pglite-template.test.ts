import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../migrate";
import { queryRows } from "../query-rows";
import { createDb, writePgliteTemplate } from "./create-db";

const root = mkdtempSync(join(tmpdir(), "tributary-template-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A template whose cluster holds a marker table, so a test can tell it was unpacked (not initdb). */
async function markedTemplate(path: string): Promise<void> {
  const client = await PGlite.create({ extensions: { vector } });
  await client.exec("create table template_marker (n int); insert into template_marker values (42)");
  writeFileSync(path, new Uint8Array(await (await client.dumpDataDir("gzip")).arrayBuffer()));
  await client.close();
}

describe("PGlite data-directory template", () => {
  it("starts a new data directory from the template, which then opens like any other", async () => {
    const template = join(root, "marked.tar.gz");
    await markedTemplate(template);
    const dataDir = join(root, "from-template");
    const first = await createDb({ dataDir, template });
    await migrate(first.db);
    expect(await queryRows(first.db, sql`select n from template_marker`)).toEqual([{ n: 42 }]);
    await first.close();
    // Reopened (template or not), the directory is what was written, not a new copy of the template.
    const second = await createDb({ dataDir, template });
    try {
      expect(await migrate(second.db)).toEqual({ applied: 0 });
      await second.db.execute(sql`delete from template_marker`);
    } finally {
      await second.close();
    }
    const third = await createDb({ dataDir, template });
    try {
      expect(await queryRows(third.db, sql`select n from template_marker`)).toEqual([]);
    } finally {
      await third.close();
    }
  });

  it("writes a template of a fresh cluster, and a damaged one falls back to initdb", async () => {
    const template = join(root, "fresh.tar.gz");
    await writePgliteTemplate(template);
    const fresh = await createDb({ dataDir: join(root, "fresh"), template });
    try {
      expect(await migrate(fresh.db)).toMatchObject({ applied: expect.any(Number) });
      await fresh.db.execute(sql`create extension if not exists vector`);
      expect(await queryRows(fresh.db, sql`select '[1,2]'::vector(2)::text as v`)).toEqual([{ v: "[1,2]" }]);
    } finally {
      await fresh.close();
    }
    const damaged = join(root, "damaged.tar.gz");
    writeFileSync(damaged, "not a tarball");
    const fallback = await createDb({ dataDir: join(root, "fallback"), template: damaged });
    try {
      expect(await migrate(fallback.db)).toMatchObject({ applied: expect.any(Number) });
    } finally {
      await fallback.close();
    }
  });

  it("writes a migrated template: a new data directory from it opens with the schema current", async () => {
    const template = join(root, "migrated.tar.gz");
    await writePgliteTemplate(template, { migrated: true });
    const opened = await createDb({ dataDir: join(root, "migrated"), template });
    try {
      expect(await migrate(opened.db)).toEqual({ applied: 0 });
      expect(await queryRows(opened.db, sql`select count(*)::int as n from sources`)).toEqual([{ n: 0 }]);
    } finally {
      await opened.close();
    }
  });
});
