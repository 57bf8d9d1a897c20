import { errorShapeOf } from "@repo/console-types";
import type { RuntimeSettings } from "../config/services";
import { CliError, cliErrorFor, EXIT } from "../errors";

// Kept apart from open-runtime.ts: read-only commands (search, status) use these without loading
// the executor and the workflows that opening a full runtime imports.
export function explainStartupError(error: unknown, settings: RuntimeSettings): unknown {
  const shape = errorShapeOf(error);
  // Another process may let go of the data directory: running again later can succeed.
  if (shape?.code === "data-dir-in-use") return new CliError(shape.message, EXIT.DATA_DIR_IN_USE, true);
  if (settings.databaseUrl && isConnectionRefused(error)) {
    return new CliError(
      `cannot reach the database at DATABASE_URL (${redactUrl(settings.databaseUrl)}); is Postgres running? (retry may help)`,
      EXIT.ENVIRONMENT,
      true,
    );
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
