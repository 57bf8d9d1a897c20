import type { Db } from "@repo/console-db";
import { ITEM_PROVIDERS, TributaryError } from "@repo/console-types";
import { connectSource } from "../sync/catalog";
import type { SourceRow } from "@repo/console-db";
import { storeCredential } from "./credentials";
import { createItemConnector, itemTargetName, parseItemTarget, type ItemScope, type ItemSourcesConfig } from "./registry";

export interface ConnectItemSourceInput {
  workspaceId: string;
  storeId: string;
  /** `linear:<team-key>`, `notion:<page-or-database-id|workspace>`, `slack:<channel|workspace>`, `vercel:<project|team>`. */
  target: string;
  /** Stored sealed (needs `credentialsKey`); the CLI leaves it out and passes tokens through config. */
  token?: string;
  credentialsKey?: string;
  syncIntervalMinutes?: number;
}

/** The source row's identity for an item target: externalId = scope, branch = kind of scope. */
export function itemSourceSpec(scope: ItemScope, syncIntervalMinutes?: number) {
  const name = itemTargetName(scope);
  return {
    provider: scope.provider,
    externalId: scope.scope,
    fullName: name,
    owner: null,
    name: scope.scope,
    location: name,
    branch: scope.kind,
    ...(syncIntervalMinutes ? { syncIntervalMinutes } : {}),
  };
}

/** Parses an item target, throwing a clear `bad_target` error for anything else. */
export function requireItemTarget(target: string): ItemScope {
  const scope = parseItemTarget(target);
  if (!scope)
    throw new TributaryError({
      code: "bad_target",
      retryable: false,
      message: `"${target}" is not an item source target (${ITEM_PROVIDERS.map((p) => `${p}:`).join(", ")})`,
    });
  return scope;
}

/**
 * Connects an item source (idempotent like git sources: same workspace + provider + scope is the
 * same source) and stores its token sealed. The caller then sends `connectedEvent(source, actor)`,
 * exactly as for a repository.
 */
export async function connectItemSource(db: Db, input: ConnectItemSourceInput): Promise<{ source: SourceRow; created: boolean }> {
  const scope = requireItemTarget(input.target);
  if (input.token !== undefined && !input.credentialsKey) {
    throw new TributaryError({ code: "credentials_key", retryable: false, message: "storing a token needs a credentials key (TRIBUTARY_CREDENTIALS_KEY)" });
  }
  return db.transaction(async (tx) => {
    const connected = await connectSource(tx, input.workspaceId, input.storeId, itemSourceSpec(scope, input.syncIntervalMinutes));
    if (input.token !== undefined) await storeCredential(tx, input.credentialsKey!, connected.source.id, input.token);
    return connected;
  });
}

/**
 * Checks a token before connecting (console forms show the error inline): one cheap request
 * (`currentPosition`). Returns the connector's error message, never the token.
 */
export async function checkItemCredential(
  target: string,
  token: string,
  config: ItemSourcesConfig,
): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  try {
    await (await createItemConnector(requireItemTarget(target), token, config)).currentPosition();
    return { ok: true };
  } catch (error) {
    const shaped = error as { code?: unknown; message?: unknown };
    return { ok: false, code: typeof shaped.code === "string" ? shaped.code : "unknown", message: error instanceof Error ? error.message : String(error) };
  }
}
