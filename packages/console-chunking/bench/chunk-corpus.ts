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

// Round 1 meets most lines and identifiers for the first time (a fresh repository); round 2
// re-chunks the same files with warm token caches (a re-sync of a repository already seen).
const rounds: { wallMs: number; cpuMs: number; chunks: number; tokens: number }[] = [];
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
  rounds.push({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, chunks, tokens });
}

const mb = totalBytes / 1e6;
const byExtension = new Map<string, number>();
for (const file of corpus) {
  const extension = file.path.slice(file.path.lastIndexOf(".") + 1);
  byExtension.set(extension, (byExtension.get(extension) ?? 0) + 1);
}
console.log(`corpus: ${corpus.length} files, ${mb.toFixed(2)} MB (${[...byExtension].map(([e, n]) => `${e} ${n}`).join(", ")})`);
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}, single-threaded run`);
console.log(
  `method: chunkDocument on every file in sequence, maxTokens 512, after a 200-file warm-up (${warmMs.toFixed(0)} ms incl. grammar loading); reading files is excluded; rates use UTF-8 bytes`,
);
rounds.forEach((round, i) => {
  const label = i === 0 ? "round 1 (first sight)" : `round ${i + 1} (warm caches)`;
  const wall = round.wallMs / 1000;
  const cpu = round.cpuMs / 1000;
  console.log(
    `${label}: ${round.chunks} chunks, ${round.tokens} tokens; wall ${wall.toFixed(2)} s → ${(mb / wall).toFixed(2)} MB/s, ` +
      `${(round.chunks / wall).toFixed(0)} chunks/s; CPU ${cpu.toFixed(2)} s → ${(mb / cpu).toFixed(2)} MB/s`,
  );
});
