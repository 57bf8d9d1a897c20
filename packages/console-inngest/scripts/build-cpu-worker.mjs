// Bundles the CPU pool's worker (src/cpu/cpu-worker.ts) into dist/cpu-worker.mjs, plain JavaScript
// that a worker thread starts without tsx. The console's production build cannot start the
// TypeScript worker (its bundler rewrites the pool's `new URL(…, import.meta.url)` and there is no
// tsx at run time), so it asks Node for `@repo/console-inngest/cpu-worker` and hands the path to
// the pool. Workspace packages are bundled in; npm packages stay external at the absolute path they
// resolve to from their importer (pnpm links only direct dependencies), and sources that find files
// next to themselves (grammar .wasm) keep their own URL. Runs at install (`prepare`) and in the
// console's build.
import { mkdir, rename } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { externalsByPath } from "./externals-by-path.mjs";

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CPU_WORKER_BUNDLE = join(PKG, "dist/cpu-worker.mjs");

/** Writes dist/cpu-worker.mjs (by rename, so a running console never loads half a file). */
export async function buildCpuWorker() {
  const { build } = await import("esbuild");
  await mkdir(dirname(CPU_WORKER_BUNDLE), { recursive: true });
  const partial = `${CPU_WORKER_BUNDLE}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(PKG, "src/cpu/cpu-worker.ts")],
    outfile: partial,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    plugins: [externalsByPath()],
  });
  await rename(partial, CPU_WORKER_BUNDLE);
  return CPU_WORKER_BUNDLE;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildCpuWorker();
  console.error(`console-inngest: built dist/cpu-worker.mjs in ${(performance.now() - started).toFixed(0)} ms`);
}
