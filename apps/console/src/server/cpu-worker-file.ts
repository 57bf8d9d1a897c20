import { createRequire } from "node:module";
import { join } from "node:path";

// A variable, not a literal: the bundler must leave this resolution to Node at run time.
const WORKER_MODULE = ["@repo", "console-inngest", "cpu-worker"].join("/");

let warned = false;

/**
 * Where console-inngest's bundled CPU worker (dist/cpu-worker.mjs, made by the package's
 * `prepare` and by the console's build) is, resolved by Node from `dir` (the console's directory,
 * the working directory of `next start`). The production build rewrites the pool's own
 * `new URL(…, import.meta.url)` into an asset of its choosing and has no tsx for the TypeScript
 * worker, so without this file the pool runs chunking and local embedding inline, on the thread
 * that serves pages and webhooks. Undefined when it cannot be found, said once on stderr.
 */
export function cpuWorkerFile(dir: string = process.cwd()): string | undefined {
  try {
    return createRequire(join(dir, "package.json")).resolve(WORKER_MODULE);
  } catch (error) {
    if (!warned)
      process.stderr.write(
        `[tributary] chunking and embedding run on the request thread: the CPU worker was not found (${error instanceof Error ? error.message : String(error)}); run \`pnpm --filter @repo/console build\`\n`,
      );
    warned = true;
    return undefined;
  }
}
