// Chunking throughput on real files: `pnpm bench:chunking` from the repo root.
// Runs in this one Node process (one core for the JS thread); prints wall and CPU rates.
import { cpus } from "node:os";
import { collectCorpus } from "@repo/testing/corpus";
import { chunkDocument } from "../src/index";

const FILES = Number(process.argv[2] ?? 3000);
const ROUNDS = 2;

const corpus = await collectCorpus({ minFiles: FILES });
const totalBytes = corpus.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);

// Warm-up pass: loads the grammars and JIT-compiles the tokenizer, like a long-running worker.
const warmStart = performance.now();
for (const file of corpus.slice(0, 200)) await chunkDocument({ path: file.path, text: file.text });
const warmMs = performance.now() - warmStart;

let best = { wallMs: Infinity, cpuMs: Infinity, chunks: 0, tokens: 0 };
for (let round = 0; round < ROUNDS; round++) {
  let chunks = 0;
  let tokens = 0;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (const file of corpus) {
    const result = await chunkDocument({ path: file.path, text: file.text });
    chunks += result.length;
    for (const chunk of result) tokens += chunk.tokenCount;
  }
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (wallMs < best.wallMs) best = { wallMs, cpuMs, chunks, tokens };
}

const mb = totalBytes / 1e6;
const byExtension = new Map<string, number>();
for (const file of corpus) {
  const extension = file.path.slice(file.path.lastIndexOf(".") + 1);
  byExtension.set(extension, (byExtension.get(extension) ?? 0) + 1);
}
console.log(`corpus: ${corpus.length} files, ${mb.toFixed(2)} MB (${[...byExtension].map(([e, n]) => `${e} ${n}`).join(", ")})`);
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}, single-threaded run`);
console.log(`method: chunkDocument on every file in sequence, maxTokens 512, best wall time of ${ROUNDS} rounds after a 200-file warm-up (${warmMs.toFixed(0)} ms incl. grammar loading); reading files is excluded`);
console.log(`chunks: ${best.chunks} (${best.tokens} tokens)`);
console.log(`wall: ${(best.wallMs / 1000).toFixed(2)} s → ${(mb / (best.wallMs / 1000)).toFixed(2)} MB/s, ${(best.chunks / (best.wallMs / 1000)).toFixed(0)} chunks/s`);
console.log(`cpu:  ${(best.cpuMs / 1000).toFixed(2)} s → ${(mb / (best.cpuMs / 1000)).toFixed(2)} MB/s of CPU time (wall is slower when other processes share the cores)`);
