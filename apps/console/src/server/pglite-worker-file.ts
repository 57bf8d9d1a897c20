import { createRequire } from "node:module";
import { join } from "node:path";

// A variable, not a literal: the bundler must leave this resolution to Node at run time.
const WORKER_MODULE = ["@repo", "console-db", "pglite-worker"].join("/");

/**
 * Where console-db's PGlite worker module is, resolved by Node from the console's directory (the
 * working directory of `next start`): the production build copies files it sees referenced into
 * its own folders, where the worker's imports (PGlite) would not resolve. Undefined when it cannot
 * be found; the console then runs PGlite on its own thread, as before, and says so.
 */
export function pgliteWorkerFile(): string | undefined {
  try {
    return createRequire(join(process.cwd(), "package.json")).resolve(WORKER_MODULE);
  } catch (error) {
    process.stderr.write(
      `[tributary] PGlite runs on the request thread: its worker module was not found (${error instanceof Error ? error.message : String(error)})\n`,
    );
    return undefined;
  }
}
