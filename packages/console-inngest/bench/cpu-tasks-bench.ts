// The CPU pool's tasks on bench:cli's corpus, in-process: how long chunkFiles (chunks, token
// counts, lexical terms) and embedLocal take for `count` real files, and a digest of everything
// they return, so a change to that code can show both its speed and that its output is the same.
//   pnpm --filter @repo/console-inngest exec tsx bench/cpu-tasks-bench.ts [count] [--out file.jsonl]
//   (node --cpu-prof --import tsx bench/cpu-tasks-bench.ts … for a profile)
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { classifyPath, DEFAULT_CONFIG } from "@repo/console-content";
import { indexableCorpus } from "@repo/testing/corpus";
import { chunkFiles, embedLocal } from "../src/cpu/cpu-tasks";

const args = process.argv.slice(2);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 3000);
const outIndex = args.indexOf("--out");
const outFile = outIndex >= 0 ? args[outIndex + 1] : undefined;
const FILES_PER_TASK = 50;
const TEXTS_PER_TASK = 500;
const DIMENSIONS = 384;
const cpuMs = ({ user, system }: NodeJS.CpuUsage) => Math.round((user + system) / 1000);

const corpus = await indexableCorpus(count, (path) => classifyPath(path, DEFAULT_CONFIG) === null);
const encoder = new TextEncoder();
const files = corpus.map((f) => ({ path: f.path, content: encoder.encode(f.text) }));
const options = { maxTokens: 512, overlapTokens: 0 };

const digest = createHash("sha256");
const lines: string[] = [];
const texts = new Set<string>();
let chunks = 0;
const chunkStart = performance.now();
const chunkCpu = process.cpuUsage();
for (let i = 0; i < files.length; i += FILES_PER_TASK) {
  const slice = files.slice(i, i + FILES_PER_TASK);
  const out = await chunkFiles({ files: slice, options });
  for (const [j, result] of out.entries()) {
    const line = JSON.stringify({ path: slice[j]!.path, ...result });
    digest.update(line);
    if (outFile) lines.push(line);
    if ("chunks" in result) {
      chunks += result.chunks.length;
      for (const c of result.chunks) texts.add(c.text);
    }
  }
}
const chunkMs = performance.now() - chunkStart;
const chunkCpuMs = cpuMs(process.cpuUsage(chunkCpu));

const all = [...texts];
const embedStart = performance.now();
const embedCpu = process.cpuUsage();
for (let i = 0; i < all.length; i += TEXTS_PER_TASK) {
  const vectors = await embedLocal({ texts: all.slice(i, i + TEXTS_PER_TASK), dimensions: DIMENSIONS, kind: "document" });
  digest.update(new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  if (outFile) lines.push(createHash("sha256").update(new Uint8Array(vectors.buffer)).digest("hex"));
}
const embedMs = performance.now() - embedStart;
const embedCpuMs = cpuMs(process.cpuUsage(embedCpu));
if (outFile) writeFileSync(outFile, `${lines.join("\n")}\n`);

console.log(
  JSON.stringify({
    files: files.length,
    chunks,
    texts: all.length,
    chunkMs: Math.round(chunkMs),
    chunkCpuMs,
    embedMs: Math.round(embedMs),
    embedCpuMs,
    digest: digest.digest("hex").slice(0, 16),
  }),
);
