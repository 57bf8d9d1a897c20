import { SourceError } from "@repo/console-github";
import { cleanupCommand, CLEANUP_HELP } from "../commands/cleanup";
import type { CommandIo } from "../commands/context";
import { retryCommand, RETRY_HELP } from "../commands/retry";
import { searchCommand, SEARCH_HELP } from "../commands/search";
import { sourcesCommand, SOURCES_HELP } from "../commands/sources-remove";
import { statusCommand, STATUS_HELP } from "../commands/status";
import { syncCommand, SYNC_HELP } from "../commands/sync";
import { CliError, EXIT, type ExitCode } from "../errors";

export const HELP = `tributary — keep a searchable index of your repositories

Commands:
${[SYNC_HELP, SEARCH_HELP, "tributary status [--json]  sources, their last sync and errors", SOURCES_HELP, RETRY_HELP, CLEANUP_HELP].map((h) => `  ${h.split("\n")[0]}`).join("\n")}

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

const COMMANDS: Record<string, (args: string[], io: CommandIo) => Promise<ExitCode>> = {
  sync: syncCommand,
  search: searchCommand,
  status: statusCommand,
  sources: sourcesCommand,
  retry: retryCommand,
  cleanup: cleanupCommand,
};

/** Runs one command line; every expected failure becomes a message and an exit code. */
export async function runCli(argv: string[], io: CommandIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(`${HELP}\n`);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`unknown command "${name}"\n\n${HELP}\n`);
    return EXIT.USAGE;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CommandIo): ExitCode {
  if (error instanceof CliError) {
    io.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof SourceError) {
    io.stderr.write(`error: ${error.message}${error.retryable ? " (retry may help)" : ""}\n`);
    return error.code === "unauthorized" || error.code === "forbidden" || error.code === "network" ? EXIT.GITHUB : EXIT.SOURCE;
  }
  io.stderr.write(`unexpected error (a bug; please report it):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.INTERNAL;
}
