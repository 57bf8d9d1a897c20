import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../migrate";
import { queryRows } from "../query-rows";
import { createDb, writePgliteTemplate } from "./create-db";
import { UNPACKING_MARKER, unpackTemplateFile } from "./unpack-template";

const root = mkdtempSync(join(tmpdir(), "tributary-template-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A template whose cluster holds a marker table, so a test can tell it was unpacked (not initdb). */
async function markedTemplate(path: string, compression: "gzip" | "none" = "gzip"): Promise<void> {
  const client = await PGlite.create({ extensions: { vector } });
  await client.exec("create table template_marker (n int); insert into template_marker values (42)");
  writeFileSync(path, new Uint8Array(await (await client.dumpDataDir(compression)).arrayBuffer()));
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

  it("writes a template without initdb's template databases: fewer files to unpack, and the directory opens, writes and reopens", async () => {
    const full = join(root, "full.tar");
    const only = join(root, "only-default.tar");
    await writePgliteTemplate(full, { compression: "none" });
    await writePgliteTemplate(only, { onlyDefaultDatabase: true, compression: "none" });
    const filesIn = (dir: string): number => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    const dirs = { full: join(root, "full-dir"), only: join(root, "only-dir") };
    for (const [name, template] of [
      ["full", full],
      ["only", only],
    ] as const) {
      const opened = await createDb({ dataDir: dirs[name], template });
      try {
        await migrate(opened.db);
        await opened.db.execute(sql`create extension if not exists vector`);
        expect(await queryRows(opened.db, sql`select datname from pg_database order by datname`)).toEqual(
          name === "only" ? [{ datname: "postgres" }] : [{ datname: "postgres" }, { datname: "template0" }, { datname: "template1" }],
        );
        await opened.db.execute(sql`insert into workspaces (id, slug, name) values ('ws_t', 't', 't')`);
      } finally {
        await opened.close();
      }
    }
    expect(existsSync(join(dirs.only, "base", "1"))).toBe(false);
    // initdb's template1 and template0 are ~300 files each.
    expect(filesIn(dirs.full) - filesIn(dirs.only)).toBeGreaterThan(500);
    expect(statSync(only).size).toBeLessThan(statSync(full).size);
    const reopened = await createDb({ dataDir: dirs.only, template: only });
    try {
      expect(await queryRows(reopened.db, sql`select slug from workspaces`)).toEqual([{ slug: "t" }]);
    } finally {
      await reopened.close();
    }
  });

  it("writes a migrated template: a new data directory from it opens with the schema current", async () => {
    const template = join(root, "migrated.tar.gz");
    await writePgliteTemplate(template, { migrated: true });
    const opened = await createDb({ dataDir: join(root, "migrated"), template });
    try {
      expect(await migrate(opened.db)).toEqual({ applied: 0 });
      expect(await queryRows(opened.db, sql`select count(*)::int as n from sources`)).toEqual([{ n: 0 }]);
      expect(await queryRows(opened.db, sql`select extname from pg_extension where extname = 'vector'`)).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("writes a template with pgvector's extension created, whose stores need no CREATE EXTENSION", async () => {
    const template = join(root, "with-vector.tar");
    await writePgliteTemplate(template, { migrated: true, withVectorExtension: true, compression: "none" });
    const opened = await createDb({ dataDir: join(root, "with-vector"), template });
    try {
      expect(await queryRows(opened.db, sql`select extname from pg_extension where extname = 'vector'`)).toEqual([{ extname: "vector" }]);
      expect(await queryRows(opened.db, sql`select ('[3,4]'::vector <-> '[0,0]'::vector)::int as d`)).toEqual([{ d: 5 }]);
    } finally {
      await opened.close();
    }
  });

  it("unpacks an uncompressed template as well, and a kill -9 mid-unpack is redone at the next open", async () => {
    const template = join(root, "plain.tar");
    await markedTemplate(template, "none");
    expect(readFileSync(template).subarray(0, 2)).not.toEqual(Buffer.from([0x1f, 0x8b]));
    const dataDir = join(root, "cut-short");
    // What an unpack killed half-way leaves: the marker, some files, no PG_VERSION (written last).
    mkdirSync(join(dataDir, "base", "5"), { recursive: true });
    writeFileSync(join(dataDir, UNPACKING_MARKER), "");
    writeFileSync(join(dataDir, "base", "5", "1259"), "half a page");
    const opened = await createDb({ dataDir, template });
    try {
      expect(await queryRows(opened.db, sql`select n from template_marker`)).toEqual([{ n: 42 }]);
    } finally {
      await opened.close();
    }
    expect(existsSync(join(dataDir, UNPACKING_MARKER))).toBe(false);
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
  });

  it("unpacks an uncompressed template byte for byte, zero blocks included, as tar itself extracts it", async () => {
    const template = join(root, "bytes.tar");
    await markedTemplate(template, "none");
    const ours = join(root, "ours");
    const theirs = join(root, "theirs");
    mkdirSync(ours);
    mkdirSync(theirs);
    unpackTemplateFile(ours, template);
    execFileSync("tar", ["xf", template, "-C", theirs]);
    const files = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
    expect(files(ours)).toEqual(files(theirs));
    let zeroBlocks = 0;
    for (const name of files(theirs)) {
      const path = join(theirs, name);
      if (!statSync(path).isFile()) continue;
      const expected = readFileSync(path);
      expect(readFileSync(join(ours, name)).equals(expected), name).toBe(true);
      for (let at = 0; at + 65536 <= expected.length; at += 65536) if (expected.subarray(at, at + 65536).every((b) => b === 0)) zeroBlocks++;
    }
    // The WAL segment's unused tail: the blocks left as holes must exist for this test to mean anything.
    expect(zeroBlocks).toBeGreaterThan(10);
  });

  it("falls back to initdb from an uncompressed template cut short, leaving nothing of it behind", async () => {
    const template = join(root, "whole.tar");
    await markedTemplate(template, "none");
    const cut = join(root, "cut.tar");
    writeFileSync(cut, readFileSync(template).subarray(0, 5_000_000));
    const dataDir = join(root, "from-cut");
    mkdirSync(dataDir);
    expect(() => unpackTemplateFile(dataDir, cut)).toThrow(/cut short|ends early/);
    const opened = await createDb({ dataDir, template: cut });
    try {
      // initdb's cluster, not the template's: the marker table is not there.
      expect(await queryRows(opened.db, sql`select to_regclass('template_marker') as t`)).toEqual([{ t: null }]);
    } finally {
      await opened.close();
    }
    expect(existsSync(join(dataDir, UNPACKING_MARKER))).toBe(false);
  });

  it("never clears a folder it did not fill: a user's files without the unpacking marker stay", async () => {
    const template = join(root, "user.tar.gz");
    await markedTemplate(template);
    const dataDir = join(root, "users-folder");
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, "notes.txt"), "mine");
    const opened = await createDb({ dataDir, template }).catch((error: unknown) => error);
    if (!(opened instanceof Error)) await (opened as Awaited<ReturnType<typeof createDb>>).close();
    expect(readFileSync(join(dataDir, "notes.txt"), "utf8")).toBe("mine");
    expect(readdirSync(dataDir)).not.toContain(UNPACKING_MARKER);
  });
});
