import { describe, expect, it } from "vitest";
import { chunkFile } from "./index";
import { brokenInvariants } from "./test-support/invariants";

const encode = (text: string) => new TextEncoder().encode(text);

describe("chunkFile on bad input", () => {
  it("skips an empty file with a reason", async () => {
    expect(await chunkFile({ path: "empty.ts", bytes: new Uint8Array() })).toEqual({
      status: "skipped",
      reason: "empty",
      detail: "the file is empty",
    });
  });

  it("skips whitespace-only content with a reason", async () => {
    const result = await chunkFile({ path: "blank.md", bytes: encode(" \n\t\n\r\n   \n") });
    expect(result).toMatchObject({ status: "skipped", reason: "empty", detail: "the file has only whitespace" });
  });

  it("skips content with NUL bytes as binary and says where", async () => {
    const bytes = encode("const a = 1;\n\u0000\u0001\u0002rest");
    expect(await chunkFile({ path: "weird.js", bytes })).toEqual({ status: "skipped", reason: "binary", detail: "NUL byte at offset 13" });
  });

  it("skips mostly-invalid UTF-8 and keeps a file with one stray Latin-1 byte", async () => {
    const garbage = Uint8Array.from({ length: 4000 }, (_, i) => (i % 3 === 0 ? 0xc3 : 0x28));
    expect(await chunkFile({ path: "latin.txt", bytes: garbage })).toMatchObject({ status: "skipped", reason: "invalid-utf8" });

    const text = "// (c) 2001 Gr\u00fcn\nexport const name = 'x';\n".repeat(40);
    const bytes = Buffer.from(text, "latin1"); // every ü is a lone 0xFC byte
    const strayOnce = Buffer.concat([encode("// caf"), Buffer.from([0xe9]), encode("\n"), encode("export const ok = true;\n".repeat(2000))]);
    const result = await chunkFile({ path: "legacy.ts", bytes: strayOnce });
    expect(result.status).toBe("chunked");
    if (result.status === "chunked") {
      expect(result.replacedBytes).toBe(1);
      expect(result.chunks[0]?.text.startsWith("// caf\uFFFD")).toBe(true);
    }
    expect((await chunkFile({ path: "latin.ts", bytes })).status).toBe("skipped");
  });

  it("keeps a genuine U+FFFD character without counting it as damage", async () => {
    const result = await chunkFile({ path: "a.txt", bytes: encode("replacement char \uFFFD is text\n") });
    expect(result).toMatchObject({ status: "chunked", replacedBytes: 0 });
  });

  it("chunks <|endoftext|> in a file as text", async () => {
    const text = 'const marker = "<|endoftext|>";\n';
    const result = await chunkFile({ path: "marker.ts", bytes: encode(text) });
    expect(result.status).toBe("chunked");
    if (result.status === "chunked") expect(brokenInvariants(text, result.chunks, 512)).toEqual([]);
  });

  it("skips files above maxBytes with the sizes in the reason", async () => {
    const result = await chunkFile({ path: "a.txt", bytes: encode("x".repeat(2000)) }, { maxBytes: 1000 });
    expect(result).toEqual({ status: "skipped", reason: "too-large", detail: "2000 bytes is over the 1000-byte limit" });
  });

  it("chunks a 10 MB single-line minified file into exact token windows", async () => {
    const unit = "function a(b){return b.map(function(c){return c*2+Math.max(c,3)}).filter(Boolean)};var z=\"x-y\";";
    const line = unit.repeat(Math.ceil(10_000_000 / unit.length));
    const bytes = encode(line);
    expect(bytes.length).toBeGreaterThanOrEqual(10_000_000);
    const started = Date.now();
    const result = await chunkFile({ path: "dist/bundle.min.js", bytes });
    const seconds = (Date.now() - started) / 1000;
    expect(result.status).toBe("chunked");
    if (result.status !== "chunked") return;
    expect(result.chunks.every((chunk) => chunk.startLine === 1 && chunk.endLine === 1 && chunk.tokenCount <= 512)).toBe(true);
    expect(result.chunks.map((chunk) => chunk.text).join("")).toBe(line);
    // Re-counting all 10 MB would double the test time; a spread of windows is counted exactly.
    const sample = result.chunks.filter((_, i) => i % 97 === 0);
    for (const chunk of sample) expect(brokenInvariants(chunk.text, [{ ...chunk, startLine: 1, endLine: 1 }], 512)).toEqual([]);
    console.log(`10 MB single line: ${result.chunks.length} chunks in ${seconds.toFixed(1)} s`);
  }, 60_000);

  it("splits a giant run of one character on code points", async () => {
    const line = `const rule = "${"=".repeat(30_000)}${"é".repeat(3000)}";`;
    const result = await chunkFile({ path: "rule.ts", bytes: encode(line) }, { maxTokens: 64 });
    expect(result.status).toBe("chunked");
    if (result.status === "chunked") {
      expect(brokenInvariants(line, result.chunks, 64)).toEqual([]);
      expect(result.chunks.map((chunk) => chunk.text).join("")).toBe(line);
    }
  });
});

describe("chunkFile on pathological repetition", () => {
  it("chunks 200,000 identical lines quickly and exactly", async () => {
    const text = "value = 1\n".repeat(200_000);
    const result = await chunkFile({ path: "repeat.txt", bytes: encode(text) });
    expect(result.status).toBe("chunked");
    if (result.status === "chunked") expect(brokenInvariants(text, result.chunks, 512)).toEqual([]);
  }, 60_000);
});
