import { existsSync } from "node:fs";
import { join } from "node:path";
import type { RuntimeSettings } from "../config/services";

/**
 * True when the settings name a PGlite data directory that holds no database yet (nothing was
 * ever synced there). `status` and `search` then answer from that fact instead of opening
 * PGlite, which would run initdb and leave a database behind for a command that only reads.
 */
export function neverSynced(settings: RuntimeSettings): boolean {
  return !settings.databaseUrl && settings.dataDir !== undefined && !existsSync(join(settings.dataDir, "PG_VERSION"));
}
