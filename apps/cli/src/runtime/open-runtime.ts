import { errorShapeOf } from "@repo/console-types";
import type { EmbeddedRuntime } from "@repo/console-inngest";
import type { RuntimeSettings } from "../config/services";
import { cliErrorFor, CliError, EXIT } from "../errors";
import { startRuntime } from "./start-runtime";

/**
 * Starts the functions on inngest-local over the configured database. The PGlite data
 * directory belongs to this process until `close()`, so SIGINT and SIGTERM close it (stop the
 * executor, close PGlite, release the lock) before exiting; a second signal exits at once.
 */
export async function openRuntime(settings: RuntimeSettings, onInterrupt?: () => void): Promise<EmbeddedRuntime> {
  let runtime: EmbeddedRuntime;
  try {
    runtime = await startRuntime(settings, { debug: settings.debug === true });
  } catch (error) {
    throw explainStartupError(error, settings);
  }
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= runtime.close());
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(EXIT.INTERRUPTED);
    onInterrupt?.();
    process.stderr.write(`\n${signal}: stopping; the next sync resumes where this one stopped\n`);
    void close().finally(() => process.exit(EXIT.INTERRUPTED));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    ...runtime,
    close: async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await close();
    },
  };
}

export function explainStartupError(error: unknown, settings: RuntimeSettings): unknown {
  const shape = errorShapeOf(error);
  // Another process may let go of the data directory: running again later can succeed.
  if (shape?.code === "data-dir-in-use") return new CliError(shape.message, EXIT.DATA_DIR_IN_USE, true);
  if (settings.databaseUrl && isConnectionRefused(error)) {
    return new CliError(`cannot reach the database at DATABASE_URL (${redactUrl(settings.databaseUrl)}); is Postgres running? (retry may help)`, EXIT.ENVIRONMENT, true);
  }
  // e.g. a store that exists with another embedding model: its message says what to do.
  return shape ? cliErrorFor(shape) : error;
}

function isConnectionRefused(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "ECONNREFUSED" || error.code === "ENOTFOUND");
}

/** Database URLs carry passwords; show where, not who. */
export function redactUrl(raw: string): string {
  try {
    const parsed = new URL(raw);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    // Not a URL at all: nothing safe to show.
    return "(unparseable URL)";
  }
}
