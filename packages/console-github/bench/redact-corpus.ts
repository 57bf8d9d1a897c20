// Secret redaction throughput on real files: `pnpm bench:redact [files]` from the repo root.
// Every staged file passes through redactSecrets, so its cost adds to each sync's CPU time.
import { cpus, loadavg } from "node:os";
import { collectCorpus } from "@repo/testing/corpus";
import { redactSecrets } from "../src/content/redact-secrets";

const FILES = Number(process.argv[2] ?? 5000);
const corpus = await collectCorpus({ minFiles: FILES });
const totalBytes = corpus.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);

for (const file of corpus.slice(0, 200)) redactSecrets(file.text);
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
const byKind = new Map<string, number>();
const examples: string[] = [];
let filesRedacted = 0;
for (const file of corpus) {
  const { redactions } = redactSecrets(file.text);
  const kinds = Object.entries(redactions);
  if (kinds.length === 0) continue;
  filesRedacted += 1;
  for (const [kind, n] of kinds) byKind.set(kind, (byKind.get(kind) ?? 0) + (n ?? 0));
  if (examples.length < 15) examples.push(`${file.path} ${JSON.stringify(redactions)}`);
}
const wall = (performance.now() - wallStart) / 1000;
const cpu = process.cpuUsage(cpuStart);
const mb = totalBytes / 1e6;

console.log(`corpus: ${corpus.length} files, ${mb.toFixed(2)} MB of installed packages' sources`);
console.log(
  `machine: ${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}, Node ${process.version}, single-threaded`,
);
console.log(`method: redactSecrets on every file in sequence after a 200-file warm-up; reading files excluded`);
console.log(`wall ${wall.toFixed(2)} s → ${(mb / wall).toFixed(1)} MB/s; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
console.log(`files with a redaction: ${filesRedacted} (${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ") || "none"})`);
for (const example of examples) console.log(`  ${example}`);
