import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { EmbeddingError } from "../errors";
import { splitIdentifier } from "./identifiers";
import { createLocalEmbedder } from "./local-embedder";

const FIXTURES = join(import.meta.dirname, "fixtures");
const MIN_LINES_PER_CHUNK = 6;

// Real-looking sources in four languages, cut the way the chunker does: at top-level declarations
// (a non-indented line after a blank one), merging small neighbours.
function loadChunks(): Array<{ file: string; text: string }> {
  return readdirSync(FIXTURES).flatMap((name) => {
    const file = name.replace(/\.txt$/, "");
    const chunks: Array<{ file: string; text: string }> = [];
    let current: string[] = [];
    const flush = () => current.join("").trim() && chunks.push({ file, text: current.join("\n") });
    readFileSync(join(FIXTURES, name), "utf8")
      .split("\n")
      .forEach((line, i, lines) => {
        const declarationStart = i > 0 && lines[i - 1]!.trim() === "" && /^\S/.test(line);
        if (declarationStart && current.filter((l) => l.trim()).length >= MIN_LINES_PER_CHUNK) {
          flush();
          current = [];
        }
        current.push(line);
      });
    flush();
    return chunks;
  });
}

const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0);

describe("createLocalEmbedder", () => {
  it("splits identifiers on camelCase, snake_case, kebab-case and digits", () => {
    expect(splitIdentifier("parseHTTPResponse2_fast-path")).toEqual(["parse", "http", "response", "2", "fast", "path"]);
    expect(splitIdentifier("handle_request")).toEqual(["handle", "request"]);
    expect(splitIdentifier("UserStore")).toEqual(["user", "store"]);
    expect(splitIdentifier("base64Encode")).toEqual(["base", "64", "encode"]);
  });

  it("ranks the chunk that defines an identifier first when a query names it", async () => {
    const embedder = createLocalEmbedder();
    const chunks = loadChunks();
    expect(chunks.length).toBeGreaterThan(15);
    const vectors = await embedder.embed(
      chunks.map((c) => c.text),
      "document",
    );
    const expectations: Record<string, string> = {
      withRetries: "retry.ts",
      backoffDelay: "retry.ts",
      loadConfig: "config.ts",
      parseConfigFile: "config.ts",
      createHttpClient: "http-client.ts",
      handle_request: "request_handler.py",
      parse_headers: "request_handler.py",
      CreateUser: "users.go",
      NewUserStore: "users.go",
      SignupHandler: "signup.go",
      UserStore: "users.go",
      FindUserByEmail: "users.go",
    };
    for (const [query, file] of Object.entries(expectations)) {
      const [queryVector] = await embedder.embed([query], "query");
      const ranked = chunks.map((chunk, i) => ({ file: chunk.file, score: dot(queryVector!, vectors[i]!) })).sort((a, b) => b.score - a.score);
      expect({ query, top: ranked[0]!.file }).toEqual({ query, top: file });
    }
  });

  it("is deterministic and L2-normalised at the requested size", async () => {
    const embedder = createLocalEmbedder({ dimensions: 512 });
    const [a, b] = await embedder.embed(["const x = loadConfig();", "const x = loadConfig();"], "document");
    expect(a).toHaveLength(512);
    expect(a).toEqual(b);
    expect(Math.sqrt(dot(a!, a!))).toBeCloseTo(1, 10);
    const [punctuation] = await embedder.embed(["{}();"], "document");
    expect(Math.sqrt(dot(punctuation!, punctuation!))).toBeCloseTo(1, 10);
  });

  it("never returns NaN, even when a text's few features cancel out in the hashing", async () => {
    // Found by the sync e2e: at 384 dims this text's features hashed to opposite signs of one slot.
    const [v] = await createLocalEmbedder({ dimensions: 384 }).embed(["# A\n\nNew page."], "document");
    expect(v!.every(Number.isFinite)).toBe(true);
    expect(Math.sqrt(dot(v!, v!))).toBeCloseTo(1, 10);
  });

  it("refuses empty texts like the remote providers do", async () => {
    await expect(createLocalEmbedder().embed(["a", ""], "document")).rejects.toBeInstanceOf(EmbeddingError);
  });

  it("gives a text the same vector whatever the process embedded before it", async () => {
    const lower = "const handler = parseconfig(input);";
    const upper = "export function ParseConfig(input: string) {}";
    // Fresh module instances: the word caches start empty in each.
    vi.resetModules();
    const alone = (await import("./local-embedder")).embedText(lower, 384, "document");
    vi.resetModules();
    const after = await import("./local-embedder");
    after.embedText(upper, 384, "document");
    // "ParseConfig" (two parts) must not stand in for "parseconfig" (one), nor the other way round.
    expect(after.embedText(lower, 384, "document")).toEqual(alone);
    vi.resetModules();
    const reversed = await import("./local-embedder");
    const upperAlone = reversed.embedText(upper, 384, "document");
    vi.resetModules();
    const upperAfter = await import("./local-embedder");
    upperAfter.embedText(lower, 384, "document");
    expect(upperAfter.embedText(upper, 384, "document")).toEqual(upperAlone);
  });
});
