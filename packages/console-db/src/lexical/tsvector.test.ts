import { PGlite } from "@electric-sql/pglite";
import { collectCorpus } from "@repo/testing/corpus";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { definedSymbols, indexTerms } from "./terms";
import { weightedTsvectorLiteral } from "./tsvector";

// The literal must be the very tsvector Postgres computes, or ranking changes after a sync.
describe("weightedTsvectorLiteral", () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(() => db.close());

  async function mismatches(samples: ReadonlyArray<{ path: string; text: string }>): Promise<string[]> {
    const bad: string[] = [];
    for (const { path, text } of samples) {
      const fields = [indexTerms(definedSymbols(text, undefined).join(" ")), indexTerms(path), indexTerms(text)] as const;
      const literal = weightedTsvectorLiteral([
        [fields[0], "A"],
        [fields[1], "B"],
        [fields[2], "C"],
      ]);
      const { rows } = await db.query<{ same: boolean }>(
        `select $1::tsvector = (setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B') || setweight(to_tsvector('simple', $4), 'C')) as same`,
        [literal, ...fields],
      );
      if (!rows[0]?.same) bad.push(path);
    }
    return bad;
  }

  it("equals Postgres's to_tsvector on the limits: repeats, long texts, numbers", async () => {
    const samples = [
      { path: "repeat.ts", text: "retry ".repeat(400) },
      { path: "long.ts", text: `${"maxRedirects follow_redirects ".repeat(9000)} tail` },
      { path: "empty.ts", text: "" },
      { path: "numbers.ts", text: "1e5 12e 897e5a76 2e3abc 0x1f 123abc abc123 3.14 1_000 e1 1e 007" },
    ];
    expect(await mismatches(samples)).toEqual([]);
  });

  it("equals Postgres's to_tsvector on 1,500-character chunks of real files", async () => {
    const files = await collectCorpus({ minFiles: 300 });
    const chunks = files.flatMap((f) => [0, 1500, 3000].map((at) => ({ path: f.path, text: f.text.slice(at, at + 1500) })));
    expect(await mismatches(chunks)).toEqual([]);
  }, 120_000);
});
