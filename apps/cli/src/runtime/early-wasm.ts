import { readFileSync } from "node:fs";
import { looksLikeUnchangedResync } from "../sync/resync-hint";
import { compileWasmBaselineOnly } from "./baseline-wasm";
import { pgliteWasmFile } from "./bundle-assets";

/** Commands that open PGlite to read and exit, with baseline code only (runtime/baseline-wasm.ts); see also `sync` below. */
const READ_COMMANDS = new Set(["search", "status"]);

let compiling: Promise<WebAssembly.Module> | undefined;

/**
 * For `search` and `status`, called as the process starts: compiles PGlite's WebAssembly (9 MB)
 * on V8's background threads while the command's modules (drizzle, zod, PGlite's JavaScript, …)
 * load on the main thread, instead of after them, when PGlite would start its own compile and
 * the process would wait for it. The command passes the result to the database open
 * (pgliteCompiledEarly). Decided from the command line alone: when the command then opens no
 * PGlite (nothing synced yet, a Postgres URL in the environment), only background work was spent.
 * Only in the built CLI, which knows where its PGlite's pglite.wasm is.
 *
 * `sync` too, when its files say it is a re-sync that will find nothing changed
 * (sync/resync-hint.ts): sync/unchanged.ts then opens PGlite for its check as search does. If the
 * guess was wrong, the full sync runs in a process of its own, as after any declined check that
 * ran as baseline code (commands/sync-entry.ts).
 */
export function compilePgliteEarly(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  wasmFile: string | undefined = pgliteWasmFile,
  cwd: string = process.cwd(),
): void {
  const [command, ...rest] = argv;
  if (!wasmFile || !command || env.DATABASE_URL) return;
  if (command === "sync" ? !looksLikeUnchangedResync(rest, env, cwd) : !READ_COMMANDS.has(command)) return;
  if (rest.some((arg) => arg === "--help" || arg === "-h" || arg === "--database-url" || arg.startsWith("--database-url="))) return;
  compileWasmBaselineOnly();
  // Read at once (a few ms from the page cache): read asynchronously, the compile would start only
  // when the main thread, busy loading modules, took the read's callbacks.
  let bytes: Buffer;
  try {
    bytes = readFileSync(wasmFile);
  } catch {
    return;
  }
  const started = WebAssembly.compile(bytes);
  // A failed early compile is not an error: createDb ignores it and PGlite compiles its own.
  started.catch(() => {});
  compiling = started;
}

/** The compile compilePgliteEarly started, if it did. */
export function pgliteCompiledEarly(): Promise<WebAssembly.Module> | undefined {
  return compiling;
}
