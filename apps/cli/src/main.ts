import { runCli } from "./cli/run-cli";

// The `tributary` binary: bin/tributary.mjs loads this through tsx.
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
// Exit explicitly: a closed runtime can still leave idle handles (timers, sockets) behind.
process.exitCode = code;
process.exit(code);
