import { schema, type Db, type ItemProvider } from "@repo/console-db";
import { and, eq, inArray, or } from "drizzle-orm";
import { queueSyncRequest } from "../sync/requests";
import type { SourceRow } from "@repo/console-db";

/** Scopes a service uses for "somewhere in this account" (Notion names no page, Vercel's team events). */
const PROVIDER_WIDE = new Set(["", "workspace", "team"]);
/** Kinds of source that follow a whole account, so every delivery of their provider concerns them. */
const WIDE_KINDS = ["workspace", "team"];

/**
 * The sources a verified webhook concerns: those whose scope it names, plus those that follow the
 * whole account. A provider-wide scope (`notion`, `linear`, `team`) concerns every source of the
 * provider. Paused sources still queue (they sync when resumed); removed ones never.
 */
export async function sourcesForWebhook(db: Db, provider: ItemProvider, verdictScope: string): Promise<SourceRow[]> {
  const scope = verdictScope.startsWith(`${provider}:`) ? verdictScope.slice(provider.length + 1) : verdictScope === provider ? "" : verdictScope;
  const live = and(eq(schema.sources.provider, provider), inArray(schema.sources.status, ["active", "paused"]));
  if (PROVIDER_WIDE.has(scope)) return db.select().from(schema.sources).where(live);
  // The verifier names a scope as the source stores it (Linear upper-cases team keys in its own folder).
  const matches = or(eq(schema.sources.externalId, scope), inArray(schema.sources.branch, WIDE_KINDS));
  return db.select().from(schema.sources).where(and(live, matches));
}

export interface ItemSyncRequest {
  provider: ItemProvider;
  scope: string;
  recheck?: readonly string[];
  deliveryId?: string;
}

/**
 * Queues an incremental sync of every source the webhook concerns, with its recheck ids (deduped
 * per source by delivery id). The caller sends `syncRequested` for each, like github.push does.
 */
export async function queueItemSyncs(db: Db, request: ItemSyncRequest): Promise<Array<{ sourceId: string; requestId: string; duplicate: boolean }>> {
  const sources = await sourcesForWebhook(db, request.provider, request.scope);
  return Promise.all(
    sources.map(async (source) => ({
      sourceId: source.id,
      ...(await queueSyncRequest(db, {
        sourceId: source.id,
        commit: null,
        trigger: "webhook",
        deliveryId: request.deliveryId ?? null,
        recheck: request.recheck ?? [],
      })),
    })),
  );
}
