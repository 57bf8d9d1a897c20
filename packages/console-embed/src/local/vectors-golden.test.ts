import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { embedText } from "./local-embedder";

// The exact vectors of main's implementation (commit b89e875) for the fixtures, line windows
// of them and query words: a faster embedder must give the same bits, or change MODEL.
const GOLDEN = "437a974894b5bc36c4c89f39f2188e0f3151de9b79e7cff7a4533ad0c72efc0e";

function texts(): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(import.meta.dirname, "fixtures")).sort()) {
    const lines = readFileSync(join(import.meta.dirname, "fixtures", name), "utf8").split("\n");
    for (let i = 0; i < lines.length; i += 7) out.push(lines.slice(i, i + 20).join("\n"));
    for (const line of lines) if (line.trim()) out.push(line);
  }
  return out;
}

describe("local embedder vectors", () => {
  it("are bit for bit those of the reference implementation", () => {
    const hash = createHash("sha256");
    const all = texts();
    expect(all.length).toBeGreaterThan(100);
    // Twice: the second pass is served from the word caches.
    for (let pass = 0; pass < 2; pass++) {
      for (const text of all) {
        for (const kind of ["document", "query"] as const) hash.update(new Uint8Array(Float64Array.from(embedText(text, 384, kind)).buffer));
      }
    }
    expect(hash.digest("hex")).toBe(GOLDEN);
  });
});
