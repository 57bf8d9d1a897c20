import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db-types";
import { queryRows } from "../query-rows";
import * as schema from "../schema";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "../testing/open-test-database";
import { searchLexical, wordForms } from "./search-lexical";
import { replaceLexicalChunks, type LexicalChunkInput } from "./write-lexical";
import { seedWorkspaceStore } from "../testing/seed-store";

async function seedSource(db: Db): Promise<string> {
  const { ws, store } = await seedWorkspaceStore(db);
  const [source] = await db
    .insert(schema.sources)
    .values({
      workspaceId: ws!.id,
      storeId: store!.id,
      provider: "github",
      branch: "main",
      owner: "acme",
      externalId: "1",
      fullName: "acme/api",
      name: "api",
      location: "https://github.com/acme/api",
    })
    .returning();
  return source!.id;
}

const FILES: Record<string, string> = {
  "lib/content-type-parser.js": "class ContentTypeParser {\n  constructor (bodyLimit) { this.parsers = new Map() }\n}\nmodule.exports = { ContentTypeParser }",
  "lib/redirect.js": "function followRedirect (location, maxRedirections) {\n  return new URL(location)\n}",
  "lib/route.js": "function registerRoute (method, url, handler) {\n  routes.push({ method, url, handler })\n}",
  "lib/hooks.js": "function runHooks (hooks, request) {\n  for (const hook of hooks) hook(request)\n}",
};

describe.each<TestDatabaseKind>(["postgres", "pglite-memory"])("lexical search on %s", (kind) => {
  let handle: TestDatabase;
  let db: Db;
  let sourceId: string;
  const paths = async (query: string) => (await searchLexical(db, { words: query.split(" "), sourceIds: [sourceId], limit: 10 })).map((r) => r.path);

  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
    sourceId = await seedSource(db);
    const chunks: LexicalChunkInput[] = Object.entries(FILES).map(([path, text], i) => ({
      vectorId: `v${i}`,
      path,
      startLine: 1,
      endLine: text.split("\n").length,
      commit: "c1",
      text,
    }));
    await replaceLexicalChunks(db, sourceId, Object.keys(FILES), chunks);
  });
  afterAll(async () => handle?.dispose());

  it("finds a file by a partial identifier: a prefix or a piece from the middle of a name", async () => {
    expect((await paths("ContentTypePars"))[0]).toBe("lib/content-type-parser.js");
    expect((await paths("TypePars"))[0]).toBe("lib/content-type-parser.js");
    expect((await paths("Redirecti"))[0]).toBe("lib/redirect.js");
    // A whole word the index does not hold and no name contains still finds nothing.
    expect(await paths("zebracorn")).toEqual([]);
  });

  it.runIf(kind === "pglite-memory")("on PGlite, answers the substring lookup by scanning the vocabulary (pg_trgm is not loaded)", async () => {
    const [extension] = await queryRows(db, sql`select extname from pg_extension where extname = 'pg_trgm'`);
    expect(extension).toBeUndefined();
    expect(await paths("TypePars")).toContain("lib/content-type-parser.js");
  });

  it.runIf(kind === "postgres")("on Postgres, answers the substring lookup through pg_trgm's trigram index on the vocabulary", async () => {
    const [extension] = await queryRows(db, sql`select extname from pg_extension where extname = 'pg_trgm'`);
    expect(extension?.extname).toBe("pg_trgm");
    const [index] = await queryRows(db, sql`select indexdef from pg_indexes where indexname = 'lexical_terms_term_trgm_idx'`);
    expect(String(index?.indexdef)).toMatch(/USING gin \(term gin_trgm_ops\)/);
    // The planner reads a tiny table in full; told not to, it reaches for the trigram index.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_indexscan = off`);
      await tx.execute(sql`set local enable_indexonlyscan = off`);
      return queryRows(tx, sql`explain select term from lexical_terms where term like '%typepars%'`);
    });
    expect(plan.map((r) => String(r["QUERY PLAN"])).join("\n")).toContain("lexical_terms_term_trgm_idx");
  });

  it("matches the forms code names things by: plurals and -ing endings of the query's words", async () => {
    expect((await paths("redirects"))[0]).toBe("lib/redirect.js");
    expect((await paths("registering routes"))[0]).toBe("lib/route.js");
    expect(wordForms("bodies")).toContain("body");
    expect(wordForms("handling")).toContain("handle");
    expect(wordForms("handling")).toContain("handler");
    expect(wordForms("parse")).toContain("parser");
  });
});
