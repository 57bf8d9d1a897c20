// `pnpm bench:cli [files=3000]`: the CLI as users run it (a subprocess) on a git repository of
// real source files from node_modules. Prints files/s, MB/s, chunks/s, peak RSS of the CLI
// process, and the time of a re-sync with nothing changed.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SyncSummarySchema } from "@repo/console-types";
import { collectCorpus } from "@repo/testing/corpus";
import { TestRepo } from "@repo/testing/github";
import { measureCli } from "./measure-cli";

const files = Number(process.argv[2] ?? 3000);
const corpus = await collectCorpus({ minFiles: files });
const repo = await TestRepo.create();
const dataDir = await mkdtemp(join(tmpdir(), "tributary-bench-data-"));
try {
  // Paths keep their package folders ("zod@4.6.7/node_modules/zod/..."), minus the noise.
  await repo.writeFiles(Object.fromEntries(corpus.map((f) => [f.path.replace("/node_modules/", "/"), f.text])));
  await repo.commit(`corpus of ${files} files`);
  const megabytes = corpus.reduce((n, f) => n + f.bytes, 0) / 1e6;
  console.log(`corpus: ${files} real files, ${megabytes.toFixed(1)} MB, from node_modules/.pnpm`);

  const full = await measureCli(["sync", repo.dir, "--json", "--data-dir", dataDir]);
  const summary = SyncSummarySchema.parse(JSON.parse(full.stdout));
  const seconds = summary.durationMs / 1000;
  console.log(`full sync: ${summary.status}, ${summary.files.indexed} indexed, ${JSON.stringify(summary.files.skipped)} skipped, ${summary.chunks.total} chunks`);
  console.log(`  sync ${seconds.toFixed(1)} s (job start to finish), ${(full.wallMs / 1000).toFixed(1)} s wall incl. process start`);
  console.log(`  ${(files / seconds).toFixed(0)} files/s, ${(megabytes / seconds).toFixed(2)} MB/s, ${(summary.chunks.total / seconds).toFixed(0)} chunks/s`);
  console.log(`  peak RSS ${(full.peakRssBytes / 2 ** 20).toFixed(0)} MiB (VmHWM of the CLI process)`);

  const again = await measureCli(["sync", repo.dir, "--json", "--data-dir", dataDir]);
  const resync = SyncSummarySchema.parse(JSON.parse(again.stdout));
  console.log(`no-change re-sync: ${resync.status}, ${resync.files.unchanged} unchanged, ${resync.chunks.embedded} embedded`);
  console.log(`  ${(resync.durationMs / 1000).toFixed(2)} s (job), ${(again.wallMs / 1000).toFixed(1)} s wall incl. process start; peak RSS ${(again.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await repo.remove();
  await rm(dataDir, { recursive: true, force: true });
}
