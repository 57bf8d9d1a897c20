import { describe, expect, it } from "vitest";
import { chunkDocument, chunkingFingerprint, ChunkingError } from "./index";
import { brokenInvariants } from "./test-support/invariants";

function tsFunction(name: string, statements: number): string {
  const body = Array.from({ length: statements }, (_, i) => `  const step${i} = compute("${name}", ${i}) + offset * ${i};`);
  return [`export function ${name}(offset: number): number {`, ...body, `  return offset;`, `}`].join("\n");
}

const tsFile = [
  `import { compute } from "./compute";`,
  "",
  tsFunction("alpha", 30),
  "",
  "/** Explains beta. */",
  tsFunction("beta", 3),
  "",
  `export class Scheduler {`,
  `  private queue: string[] = [];`,
  ...Array.from(
    { length: 12 },
    (_, i) => `\n  method${i}(value: string): void {\n${Array.from({ length: 6 }, (_, j) => `    this.queue.push(value + "${i}-${j}");`).join("\n")}\n  }`,
  ),
  `}`,
  "",
  tsFunction("gamma", 2),
].join("\n");

describe("chunkDocument on code", () => {
  it("cuts TypeScript at declarations and names them in the context", async () => {
    const chunks = await chunkDocument({ path: "src/scheduler.ts", text: tsFile }, { maxTokens: 200 });
    expect(brokenInvariants(tsFile, chunks, 200)).toEqual([]);
    const lines = tsFile.split("\n");
    // Every chunk starts on a declaration, a class member, a statement or its leading comment.
    for (const chunk of chunks) {
      expect(lines[chunk.startLine - 1]).toMatch(/^(import|export|\/\*\*|\s+(private|method\d+|const|this|return))/);
    }
    const classChunks = chunks.filter((chunk) => chunk.context?.startsWith("Scheduler >"));
    expect(classChunks.length).toBeGreaterThan(1);
    expect(classChunks.some((chunk) => /method\d+/.test(chunk.context ?? ""))).toBe(true);
    expect(chunks.some((chunk) => chunk.context?.includes("beta") && chunk.text.startsWith("/** Explains beta. */"))).toBe(true);
  });

  it("splits an oversize function by statements, never mid-line", async () => {
    const text = tsFunction("huge", 120);
    const chunks = await chunkDocument({ path: "huge.ts", text }, { maxTokens: 128 });
    expect(chunks.length).toBeGreaterThan(5);
    expect(brokenInvariants(text, chunks, 128)).toEqual([]);
    expect(chunks[0]?.text.startsWith("export function huge")).toBe(true);
  });

  const samples: [string, string][] = [
    [
      "tool.py",
      Array.from(
        { length: 14 },
        (_, i) =>
          `def handler_${i}(event):\n    """Handles ${i}."""\n    total = 0\n    for item in event["items"]:\n        total += item * ${i}\n    return total\n`,
      ).join("\n") +
        "\nclass Registry:\n" +
        Array.from({ length: 10 }, (_, i) => `    def lookup_${i}(self, key):\n        return self.entries.get(key, ${i})\n`).join("\n"),
    ],
    [
      "main.go",
      'package main\n\nimport "fmt"\n\n' +
        Array.from(
          { length: 14 },
          (_, i) =>
            `// Handler${i} handles case ${i}.\nfunc Handler${i}(n int) int {\n\ttotal := 0\n\tfor j := 0; j < n; j++ {\n\t\ttotal += j * ${i}\n\t}\n\tfmt.Println(total)\n\treturn total\n}\n`,
        ).join("\n"),
    ],
    [
      "app.js",
      Array.from(
        { length: 14 },
        (_, i) => `function render${i}(props) {\n  const items = props.items.map((item) => item * ${i});\n  return items.filter(Boolean).join(", ");\n}\n`,
      ).join("\n"),
    ],
    [
      "View.tsx",
      Array.from(
        { length: 12 },
        (_, i) =>
          `export function View${i}({ title }: { title: string }) {\n  const upper = title.toUpperCase();\n  return <section className="view-${i}"><h2>{upper}</h2></section>;\n}\n`,
      ).join("\n"),
    ],
  ];

  it.each(samples)("cuts %s between top-level declarations", async (path, text) => {
    const chunks = await chunkDocument({ path, text }, { maxTokens: 160 });
    expect(chunks.length).toBeGreaterThan(2);
    expect(brokenInvariants(text, chunks, 160)).toEqual([]);
    const lines = text.split("\n");
    for (const chunk of chunks) {
      const first = lines[chunk.startLine - 1] ?? "";
      expect(first).toMatch(/^(def |class |\s+def |func |\/\/ |package |import |function |export function )/);
      expect(chunk.kind).toBe("code");
      expect(chunk.context).toBeTruthy();
    }
  });
});

describe("hashes", () => {
  it("never depend on the path, so a rename costs nothing", async () => {
    const a = await chunkDocument({ path: "src/a.ts", text: tsFile }, { maxTokens: 200 });
    const b = await chunkDocument({ path: "lib/renamed/b.ts", text: tsFile }, { maxTokens: 200 });
    expect(b.map((chunk) => chunk.hash)).toEqual(a.map((chunk) => chunk.hash));
    for (const chunk of a) expect(chunk.text).not.toContain("src/a.ts");
  });

  it("are the same for CRLF and LF checkouts and change with the configuration", async () => {
    const lf = await chunkDocument({ path: "a.ts", text: tsFile }, { maxTokens: 200 });
    const crlf = await chunkDocument({ path: "a.ts", text: tsFile.replace(/\n/g, "\r\n") }, { maxTokens: 200 });
    expect(crlf.map((chunk) => chunk.hash)).toEqual(lf.map((chunk) => chunk.hash));
    const bigger = await chunkDocument({ path: "a.ts", text: "const x = 1;\n" }, { maxTokens: 300 });
    const smaller = await chunkDocument({ path: "a.ts", text: "const x = 1;\n" }, { maxTokens: 200 });
    expect(bigger[0]?.text).toBe(smaller[0]?.text);
    expect(bigger[0]?.hash).not.toBe(smaller[0]?.hash);
    expect(chunkingFingerprint({ maxTokens: 300 })).not.toBe(chunkingFingerprint({ maxTokens: 200 }));
    expect(chunkingFingerprint()).toBe(chunkingFingerprint({ maxTokens: 512, overlapTokens: 0 }));
  });
});

describe("options", () => {
  it("rejects overlap that leaves no room for new text", async () => {
    await expect(chunkDocument({ path: "a.ts", text: "x" }, { maxTokens: 64, overlapTokens: 64 })).rejects.toBeInstanceOf(ChunkingError);
  });

  it("overlap prepends whole lines of the previous chunk and stays within the limit", async () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} says something about item ${i} and its neighbours.\n`).join("\n");
    const plain = await chunkDocument({ path: "notes.txt", text }, { maxTokens: 100 });
    const overlapped = await chunkDocument({ path: "notes.txt", text }, { maxTokens: 100, overlapTokens: 30 });
    expect(overlapped).toHaveLength(plain.length);
    expect(brokenInvariants(text, overlapped, 100)).toEqual([]);
    overlapped.slice(1).forEach((chunk, i) => {
      expect(chunk.startLine).toBeLessThan(plain[i + 1]?.startLine ?? 0);
      expect(chunk.startLine).toBeGreaterThan(plain[i]?.startLine ?? 0);
    });
  });
});

describe("nested splitting in Python", () => {
  it("splits an oversize class into its methods and names the class in the context", async () => {
    const methods = Array.from(
      { length: 20 },
      (_, i) => `    def method_${i}(self, value):\n        result = value * ${i}\n        self.history.append(result)\n        return result\n`,
    );
    const text = `class Accumulator:\n    """Keeps a history."""\n\n${methods.join("\n")}`;
    const chunks = await chunkDocument({ path: "acc.py", text }, { maxTokens: 120 });
    expect(chunks.length).toBeGreaterThan(3);
    expect(brokenInvariants(text, chunks, 120)).toEqual([]);
    for (const chunk of chunks) expect(chunk.context?.startsWith("Accumulator")).toBe(true);
    for (const chunk of chunks.slice(1)) expect(chunk.text.trimStart().startsWith("def method_")).toBe(true);
  });
});
