import { runCli } from "./cli/run-cli";
import { compilePgliteEarly } from "./runtime/early-wasm";

// The `tributary` binary: bin/tributary.mjs loads this through tsx.
compilePgliteEarly(process.argv.slice(2), process.env);
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
// Exit explicitly: a closed runtime can still leave idle handles (timers, sockets) behind. But
// first let stdout drain: on a pipe, writes are asynchronous and process.exit would cut a large
// --json document at the pipe's buffer (64 KiB).
process.exitCode = code;
await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
process.exit(code);
