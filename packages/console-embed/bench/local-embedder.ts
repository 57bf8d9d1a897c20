// Measures the local embedder on real sources: every .ts/.js/.md file of the openai and cohere-ai
// packages in node_modules, cut into ~40-line chunks. Run: pnpm --filter @repo/console-embed bench
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createLocalEmbedder } from "../src/local/local-embedder";

const ROOTS = ["node_modules/openai/src", "node_modules/cohere-ai/api"];
const LINES_PER_CHUNK = 40;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|js|md)$/.test(name)) yield path;
  }
}

const chunks: string[] = [];
for (const root of ROOTS) {
  for (const file of sourceFiles(root)) {
    const lines = readFileSync(file, "utf8").split("\n");
    for (let i = 0; i < lines.length; i += LINES_PER_CHUNK) {
      const text = lines.slice(i, i + LINES_PER_CHUNK).join("\n");
      if (text.trim()) chunks.push(text);
    }
  }
}
const bytes = chunks.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
const embedder = createLocalEmbedder();
const started = performance.now();
await embedder.embed(chunks, "document");
const seconds = (performance.now() - started) / 1000;
console.log(
  `local embedder (${embedder.dimensions} dims): ${chunks.length} chunks, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ` +
    `${Math.round(chunks.length / seconds)} chunks/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`,
);
