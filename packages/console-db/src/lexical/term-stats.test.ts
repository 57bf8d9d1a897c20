import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db-types";
import { queryRows } from "../query-rows";
import * as schema from "../schema";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "../testing/open-test-database";
import { deleteLexicalPaths, deleteLexicalSource, deleteLexicalVectorIds, replaceLexicalChunks, type LexicalChunkInput } from "./write-lexical";
import { seedWorkspaceStore } from "../testing/seed-store";

async function seedSources(db: Db): Promise<[string, string]> {
  const { ws, store } = await seedWorkspaceStore(db);
  const base = { workspaceId: ws!.id, storeId: store!.id, provider: "github" as const, branch: "main", owner: "acme" };
  const rows = await db
    .insert(schema.sources)
    .values([
      { ...base, externalId: "1", fullName: "acme/api", name: "api", location: "https://github.com/acme/api" },
      { ...base, externalId: "2", fullName: "acme/web", name: "web", location: "https://github.com/acme/web" },
    ])
    .returning();
  return [rows[0]!.id, rows[1]!.id];
}

const chunk = (vectorId: string, path: string, text: string): LexicalChunkInput => ({ vectorId, path, startLine: 1, endLine: 3, commit: "c1", text });

/** lexical_terms as stored, and as recounted from the lexical rows: they must be equal. */
async function statistics(db: Db): Promise<{ stored: string[]; recounted: string[] }> {
  const stored = await queryRows(db, sql`select source_id, term, chunks from lexical_terms order by 1, 2`);
  const recounted = await queryRows(
    db,
    sql`select source_id, term, chunks from (
          select source_id, lexeme as term, count(*)::int as chunks from lexical_chunks, unnest(tsvector_to_array(terms)) as lexeme group by 1, 2
          union all select source_id, '', count(*)::int from lexical_chunks group by 1) s order by 1, 2`,
  );
  const show = (rows: Record<string, unknown>[]) => rows.map((r) => `${r.source_id} ${r.term} ${Number(r.chunks)}`);
  return { stored: show(stored), recounted: show(recounted) };
}

describe.each<TestDatabaseKind>(["postgres", "pglite-memory"])("lexical term statistics on %s", (kind) => {
  let handle: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
  });
  afterAll(async () => handle?.dispose());

  it("equal the counts recomputed from the lexical rows after writes, edits, renames and deletes", async () => {
    const [a, b] = await seedSources(db);
    const expectExact = async () => {
      const { stored, recounted } = await statistics(db);
      expect(stored).toEqual(recounted);
      return stored;
    };
    await db.transaction(async (tx) => {
      await replaceLexicalChunks(
        tx,
        a,
        ["src/retry.ts", "src/client.ts"],
        [
          chunk("a1", "src/retry.ts", "export function retryRequest(maxRetries) { return backoff(maxRetries) }"),
          chunk("a2", "src/retry.ts", "function backoff(n) { return 2 ** n }"),
          chunk("a3", "src/client.ts", "export class HttpClient { request(url) { return retryRequest(3) } }"),
        ],
      );
      await replaceLexicalChunks(tx, b, ["lib/client.ts"], [chunk("b1", "lib/client.ts", "export class HttpClient { get(url) { return fetch(url) } }")]);
    });
    const first = await expectExact();
    expect(first).toContain(`${a} backoff 2`);
    expect(first).toContain(`${a}  3`);
    expect(first).toContain(`${b} httpclient 1`);

    // An edit: the file's chunks are replaced (one kept under its id, one new, one gone).
    await replaceLexicalChunks(
      db,
      a,
      ["src/retry.ts"],
      [
        chunk("a1", "src/retry.ts", "export function retryRequest(maxRetries) { return jitter(maxRetries) }"),
        chunk("a4", "src/retry.ts", "function jitter(n) { return Math.random() * n }"),
      ],
    );
    const edited = await expectExact();
    expect(edited.some((s) => s.startsWith(`${a} backoff `))).toBe(false);
    expect(edited).toContain(`${a} jitter 2`);

    // A rename: the old path goes, the same chunk comes back under the new path (same vector id).
    await replaceLexicalChunks(
      db,
      a,
      ["src/client.ts", "src/http.ts"],
      [chunk("a3", "src/http.ts", "export class HttpClient { request(url) { return retryRequest(3) } }")],
    );
    await expectExact();
    // The same id written under another path without deleting the old one first.
    await replaceLexicalChunks(db, a, ["src/other.ts"], [chunk("a4", "src/other.ts", "function jitter(n) { return n }")]);
    const moved = await expectExact();
    expect(moved).toContain(`${a}  3`);

    await deleteLexicalVectorIds(db, a, ["a4"]);
    await deleteLexicalPaths(db, a, ["src/http.ts"]);
    const deleted = await expectExact();
    expect(deleted).toContain(`${a}  1`);
    expect(deleted.some((s) => s.startsWith(`${a} httpclient`))).toBe(false);

    await deleteLexicalSource(db, b);
    const gone = await expectExact();
    expect(gone.some((s) => s.startsWith(`${b} `))).toBe(false);
    // A source's removal cascades to its statistics.
    await db.delete(schema.sources).where(eq(schema.sources.id, a));
    expect(await expectExact()).toEqual([]);
  });
});
