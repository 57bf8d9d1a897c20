import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import type { Db } from "@repo/console-db";
import { listSources } from "@repo/console-inngest/search";
import type { SourceRow } from "@repo/console-inngest";
import { CliError, EXIT } from "../errors";

/**
 * A source by what a user would type: its id, `owner/name`, name, `github:owner/name`, GitHub
 * URL, or a path inside a local repository.
 */
export async function findSource(db: Db, workspaceId: string, query: string, cwd: string): Promise<SourceRow> {
  const sources = await listSources(db, workspaceId);
  const wanted = query
    .replace(/^github:/, "")
    .replace(/^https?:\/\/github\.com\//, "")
    .replace(/(\.git)?\/?$/, "");
  const localPath = await realpath(resolve(cwd, query)).catch(() => null);
  const matches = sources.filter(
    (s) =>
      s.id === query ||
      s.fullName === wanted ||
      s.name === wanted ||
      (localPath !== null && s.provider === "local" && (localPath === s.externalId || localPath.startsWith(`${s.externalId}/`))),
  );
  if (matches.length === 1) return matches[0]!;
  const known = sources.map((s) => `  ${s.fullName} (${s.provider}, ${s.location})`).join("\n") || "  (none yet)";
  if (matches.length === 0) throw new CliError(`no source matches "${query}"; sources:\n${known}`, EXIT.SOURCE);
  throw new CliError(
    `"${query}" matches ${matches.length} sources; use the full name or id:\n${matches.map((s) => `  ${s.fullName} (${s.id})`).join("\n")}`,
    EXIT.USAGE,
  );
}
