import type { SourceAdapter, TreeEntry } from "@repo/console-types";
import { parseTributaryConfig, type ConfigParseResult } from "./parse-config";
import { findConfigEntry } from "./config-files";
import { DEFAULT_CONFIG } from "./schema";

export { CONFIG_FILE_NAMES, findConfigEntry } from "./config-files";

/**
 * Reads and parses the config of a snapshot. Costs one read (one GitHub request) only when the
 * tree has a config file; callers that stored the config's blob sha can skip it when unchanged.
 */
export async function loadTributaryConfig(
  source: SourceAdapter,
  commit: string,
  entries: readonly TreeEntry[],
): Promise<ConfigParseResult & { sha: string | null }> {
  const entry = findConfigEntry(entries);
  if (!entry) return { ok: true, config: DEFAULT_CONFIG, sha: null };
  const content = await source.readFile(commit, entry.path);
  if (content === null) return { ok: true, config: DEFAULT_CONFIG, sha: null };
  return { ...parseTributaryConfig(content.toString("utf8"), entry.path), sha: entry.sha };
}
