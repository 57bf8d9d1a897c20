import type { SyncDeps } from "../sync/deps";
import type { SourceRow } from "@repo/console-db";

/**
 * schedule.sync's cheap look at an item source (one request, like the git ref lookup): null when
 * the service is where the index is. Connectors without a cheap marker (Slack) always differ.
 */
export async function whyItemSync(deps: SyncDeps, source: SourceRow): Promise<string | null> {
  const position = await (await deps.itemConnector(source)).currentPosition();
  return position.value === source.syncedPosition ? null : `${source.provider} moved to ${position.value}`;
}
