import { describe, expect, it } from "vitest";
import { chunkDocument } from "./index";
import { brokenInvariants } from "./test-support/invariants";

const fence = ["```ts", ...Array.from({ length: 12 }, (_, i) => `const value${i} = await client.fetch("/items/${i}");`), "", "```"].join("\n");
const doc = [
  "# Guide",
  "",
  "Intro paragraph explaining the guide in a few words.",
  "",
  "## Install",
  "",
  ...Array.from({ length: 6 }, (_, i) => `Install note ${i}: the package works on Linux, macOS and Windows with Node 20 or newer.\n`),
  "### Linux",
  "",
  "Use the package manager of your distribution, then run the following:",
  "",
  fence,
  "",
  "## Usage",
  "",
  ...Array.from({ length: 8 }, (_, i) => `Usage paragraph ${i} explains one option of the command line in a sentence or two.\n`),
].join("\n");

describe("chunkDocument on Markdown", () => {
  it("cuts at headings, keeps fenced code whole and records the heading path", async () => {
    const chunks = await chunkDocument({ path: "docs/guide.md", text: doc }, { maxTokens: 200 });
    expect(brokenInvariants(doc, chunks, 200)).toEqual([]);
    expect(chunks.every((chunk) => chunk.kind === "markdown")).toBe(true);
    const withFence = chunks.filter((chunk) => chunk.text.includes("```ts"));
    expect(withFence).toHaveLength(1);
    expect(withFence[0]?.text).toContain(fence);
    expect(withFence[0]?.context).toBe("Guide > Install > Linux");
    expect(chunks.some((chunk) => chunk.text.startsWith("## Usage") && chunk.context === "Guide > Usage")).toBe(true);
  });

  it("splits a fence bigger than maxTokens by lines", async () => {
    const big = ["# Big", "", "```", ...Array.from({ length: 200 }, (_, i) => `line ${i} of a very long listing`), "```"].join("\n");
    const chunks = await chunkDocument({ path: "big.md", text: big }, { maxTokens: 128 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(brokenInvariants(big, chunks, 128)).toEqual([]);
  });

  it("chunks plain text by paragraphs", async () => {
    const text = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}.\nIt has two lines about topic ${i}.`).join("\n\n");
    const chunks = await chunkDocument({ path: "NOTES", text }, { maxTokens: 64 });
    expect(brokenInvariants(text, chunks, 64)).toEqual([]);
    for (const chunk of chunks) expect(chunk.text.startsWith("Paragraph")).toBe(true);
    expect(chunks.every((chunk) => chunk.kind === "text")).toBe(true);
  });
});
