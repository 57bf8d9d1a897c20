import type { VectorMetadata } from "@repo/console-types";
import { describe, expect, it } from "vitest";
import { fromPineconeMetadata, metadataBytes, toPineconeMetadata } from "./metadata";

const base: VectorMetadata = { sourceId: "s", documentId: "d", path: "src/a.ts", startLine: 1, endLine: 9, commit: "c", chunkHash: "h", snippet: "short" };

describe("metadata within Pinecone's 40 KB", () => {
  it("passes small metadata through unchanged and drops an absent context", () => {
    expect(toPineconeMetadata("id", base, 40_000)).toEqual(base);
    expect(Object.keys(toPineconeMetadata("id", { ...base, context: undefined }, 40_000))).not.toContain("context");
  });

  it("cuts a huge multi-byte snippet to the longest prefix that fits, never splitting a character", () => {
    const snippet = '日本語🙂"quoted"\n'.repeat(5000);
    const fitted = toPineconeMetadata("id", { ...base, snippet }, 40_000);
    expect(metadataBytes(fitted)).toBeLessThanOrEqual(40_000);
    expect(metadataBytes(fitted)).toBeGreaterThan(39_900);
    const kept = String(fitted.snippet);
    expect(kept.endsWith("…")).toBe(true);
    expect(snippet.startsWith(kept.slice(0, -1))).toBe(true);
    expect(kept).not.toMatch(/[\ud800-\udbff]…$/);
  });

  it("says clearly when even an empty snippet cannot fit", () => {
    expect(() => toPineconeMetadata("id", { ...base, path: "p/".repeat(30_000) }, 40_000)).toThrow(/even with an empty snippet/);
  });

  it("refuses metadata this store did not write when reading back", () => {
    expect(fromPineconeMetadata("query", "id", base)).toEqual(base);
    expect(() => fromPineconeMetadata("query", "id", { path: 3 })).toThrow(/did not write/);
  });
});
