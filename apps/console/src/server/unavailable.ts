import { DataDirInUseError } from "@repo/console-db";

/**
 * A JSON 503 for API routes when the data directory is held by another process (the CLI): the
 * caller (Inngest, GitHub's redeliver button) can retry once it is free. Other errors propagate.
 */
export function dataDirBusyResponse(error: unknown): Response {
  if (!(error instanceof DataDirInUseError)) throw error;
  return Response.json({ error: error.message, retryable: true }, { status: 503, headers: { "retry-after": "30" } });
}
