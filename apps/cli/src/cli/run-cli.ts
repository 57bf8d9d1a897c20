import type { CommandIo } from "../commands/context";
import { cliErrorFor, CliError, EXIT, type ExitCode } from "../errors";
import { COMMAND_USAGE } from "./usage";

export const HELP = `tributary — keep a searchable index of your repositories

Commands:
${COMMAND_USAGE.map((line) => `  ${line}`).join("\n")}

Every command takes:
  --data-dir <dir>       embedded database directory (default .tributary, env TRIBUTARY_DATA_DIR)
  --database-url <url>   use Postgres instead (env DATABASE_URL)
  --embedding <name>     local (default), openai or cohere (env TRIBUTARY_EMBEDDING)

Services come from the environment: GITHUB_TOKEN, GITHUB_API_URL, OPENAI_API_KEY, OPENAI_BASE_URL,
COHERE_API_KEY, PINECONE_API_KEY (vectors in Pinecone instead of pgvector). None is needed for a
local repository. Run \`tributary <command> --help\` for a command's options.

Exit codes: 0 ok, 1 sync failed or partial, 2 usage, 3 not a repository / unknown branch or source,
4 invalid tributary.yml, 5 GitHub unreachable or unauthorised, 6 data directory in use,
7 invalid environment.`;

type Command = (args: string[], io: CommandIo) => Promise<ExitCode>;

/**
 * Each command is imported when it runs: the SDKs, PGlite and the grammars behind them cost
 * about a second to load, which `--help` and usage errors should not pay.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  sync: async () => (await import("../commands/sync-entry")).syncEntry,
  search: async () => (await import("../commands/search")).searchCommand,
  status: async () => (await import("../commands/status")).statusCommand,
  sources: async () => (await import("../commands/sources-remove")).sourcesCommand,
  retry: async () => (await import("../commands/retry")).retryCommand,
  cleanup: async () => (await import("../commands/cleanup")).cleanupCommand,
};

/** Runs one command line; every expected failure becomes a message and an exit code. */
export async function runCli(argv: string[], io: CommandIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(`${HELP}\n`);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr.write(`unknown command "${name}"\n\n${HELP}\n`);
    return EXIT.USAGE;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** Prints a failure; the values of settings declared secret (tokens, webhook secrets) never reach the terminal. */
async function reportError(error: unknown, io: CommandIo): Promise<ExitCode> {
  const { errorShapeOf, redactItemSecrets } = await import("@repo/console-types");
  const write = (text: string) => io.stderr.write(redactItemSecrets(text, io.env));
  if (error instanceof CliError) {
    write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  const shape = errorShapeOf(error);
  if (shape) {
    write(`error: ${shape.message}${shape.retryable ? " (retry may help)" : ""}\n`);
    return cliErrorFor(shape).exitCode;
  }
  write(`unexpected error (a bug; please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.INTERNAL;
}
