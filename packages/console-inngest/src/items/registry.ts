import { ITEM_PROVIDERS, type ItemProvider } from "@repo/console-db";
import { LINEAR_TEAM_KEY, LinearConnector, linearTeamScope, verifyLinearWebhook, type LinearConnectorOptions } from "@repo/console-sources/linear";
import type { NotionConnectorOptions } from "@repo/console-sources/notion";
import type { SlackConnectorOptions } from "@repo/console-sources/slack";
import { VercelConnector, verifyVercelWebhook, type VercelConnectorOptions } from "@repo/console-sources/vercel";
import {
  ITEM_PROVIDER_DESCRIPTORS,
  itemSettingEnv,
  TributaryError,
  type ItemConnector,
  type ItemOptionName,
  type ItemProviderDescriptor,
  type WebhookVerdict,
} from "@repo/console-types";

/**
 * Endpoints and tuning per item provider (tests point them at the fakes in @repo/testing); the
 * token and the scope come from the source, never from here — except `tokens`, which the CLI
 * fills from its environment for sources without a stored credential.
 */
export interface ItemSourcesConfig {
  /** Seals and opens stored credentials (console: TRIBUTARY_CREDENTIALS_KEY or the auth secret). */
  credentialsKey?: string;
  tokens?: Partial<Record<ItemProvider, string>>;
  linear?: Partial<Omit<LinearConnectorOptions, "teamKey" | "apiKey" | "accessToken">>;
  notion?: Partial<Omit<NotionConnectorOptions, "auth" | "roots" | "scope">>;
  slack?: Partial<Omit<SlackConnectorOptions, "token" | "channels">>;
  vercel?: Partial<Omit<VercelConnectorOptions, "token" | "projectId">>;
}

/** What a connect target names, as stored on the source row (externalId = scope, branch = kind). */
export interface ItemScope {
  provider: ItemProvider;
  scope: string;
  kind: string;
}

type HeaderMap = Record<string, string>;

/** How a provider's webhooks are received; the console serves one route per entry from this. */
export interface ItemWebhookBehaviour {
  /** Notion's one-time verification request carries no signature and comes before the token is configured. */
  acceptsUnconfigured?: boolean;
  verify(rawBody: string, headers: HeaderMap, secret: string | undefined): WebhookVerdict | Promise<WebhookVerdict>;
  /** The delivery's id (a redelivery carries the same), so `items.webhook` queues it once. */
  deliveryIdOf(rawBody: string, headers: HeaderMap): string | undefined;
}

export interface ItemWebhookSpec extends ItemWebhookBehaviour {
  /** The env variable holding the signing secret (the console reads it; named in the 503 when unset). */
  secretEnv: string;
}

/** What a provider does; what it declares (name, settings, connect form) is its entry in console-types' item-providers.ts. */
interface ItemProviderBehaviour {
  webhook: ItemWebhookBehaviour;
  /** The part after `provider:`; throws a clear error for a malformed one. */
  parseScope(rest: string): { scope: string; kind: string };
  create(token: string, scope: ItemScope, config: ItemSourcesConfig): ItemConnector | Promise<ItemConnector>;
}

interface ItemProviderEntry extends ItemProviderDescriptor, ItemProviderBehaviour {
  webhook: ItemWebhookSpec;
  /** The environment variable the CLI reads the token from (named in errors). */
  tokenEnv: string;
}

// Each option a provider declares must be one of its connector's options (a typo fails to compile).
type UndeclaredOptions = { [P in ItemProvider]: Exclude<ItemOptionName<P>, keyof NonNullable<ItemSourcesConfig[P]>> }[ItemProvider];
const declaredOptionsExist: [UndeclaredOptions] extends [never] ? true : UndeclaredOptions = true;
void declaredOptionsExist;

// Notion's and Slack's modules import their SDKs at the top (@notionhq/client, and @slack/web-api
// with its HTTP stack: ~45 and ~100 ms of a process's start on 2 cores), which a process that
// syncs a repository or another source never needs: loaded on first use, like the other SDKs.
// Notion's block cache (blocks a sync's planning crawl read, taken by its staging, one read per
// page) is one per process.
const loadNotion = () => import("@repo/console-sources/notion").then((module) => ({ ...module, blocks: new module.NotionBlockCache() }));
const loadSlack = () => import("@repo/console-sources/slack");
let notionModule: ReturnType<typeof loadNotion> | undefined;
let slackModule: ReturnType<typeof loadSlack> | undefined;
const notion = () => (notionModule ??= loadNotion());
const slack = () => (slackModule ??= loadSlack());

/** One entry per item provider: adding a source adds one entry here and its declaration in console-types. */
const BEHAVIOUR: Record<ItemProvider, ItemProviderBehaviour> = {
  linear: {
    // Issue, Comment, Document and Project events.
    webhook: {
      verify: (rawBody, headers, secret) => verifyLinearWebhook(rawBody, headers, secret ?? ""),
      deliveryIdOf: (_rawBody, headers) => headers["linear-delivery"],
    },
    parseScope(rest) {
      if (!LINEAR_TEAM_KEY.test(rest)) throw targetError("linear:<team-key>, e.g. linear:ENG", rest);
      return { scope: linearTeamScope(rest), kind: "team" };
    },
    create: (token, { scope }, config) => new LinearConnector({ ...config.linear, apiKey: token, teamKey: scope }),
  },
  notion: {
    // Page, database and comment events; the subscription's verification request carries the token to configure.
    webhook: {
      acceptsUnconfigured: true,
      verify: async (rawBody, headers, secret) => (await notion()).verifyNotionWebhook(rawBody, headers, secret),
      deliveryIdOf: (rawBody) => jsonField(rawBody, "id"),
    },
    parseScope(rest) {
      if (rest === "workspace") return { scope: "workspace", kind: "workspace" };
      const id = rest.replace(/-/g, "").toLowerCase();
      if (!/^[0-9a-f]{32}$/.test(id)) throw targetError("notion:<page-or-database-id> or notion:workspace", rest);
      return { scope: rest.toLowerCase(), kind: "page" };
    },
    create: async (token, { scope, kind }, config) => {
      const { NotionConnector, blocks } = await notion();
      return new NotionConnector({
        blockCache: blocks,
        ...config.notion,
        auth: token,
        ...(kind === "workspace" ? {} : { roots: [scope], scope: "roots" as const }),
      });
    },
  },
  slack: {
    // Events API; signed requests older than five minutes are refused as replays.
    webhook: {
      verify: async (rawBody, headers, secret) => (await slack()).verifySlackEvent({ signingSecret: secret ?? "", rawBody, headers }),
      // Slack's retries of one event keep its event_id.
      deliveryIdOf: (rawBody) => jsonField(rawBody, "event_id"),
    },
    parseScope(rest) {
      if (rest === "workspace") return { scope: "workspace", kind: "workspace" };
      const channel = rest.replace(/^#/, "");
      if (!/^[A-Za-z0-9._-]{1,80}$/.test(channel)) throw targetError("slack:<channel-id-or-name> or slack:workspace", rest);
      return { scope: channel, kind: "channel" };
    },
    create: async (token, { scope, kind }, config) =>
      new (await slack()).SlackConnector({ ...config.slack, token, ...(kind === "workspace" ? {} : { channels: [scope] }) }),
  },
  vercel: {
    // Deployment and project events.
    webhook: {
      verify: (rawBody, headers, secret) => verifyVercelWebhook({ secret: secret ?? "", rawBody, headers }),
      deliveryIdOf: (rawBody) => jsonField(rawBody, "id"),
    },
    parseScope(rest) {
      if (rest === "team") return { scope: "team", kind: "team" };
      if (!/^[A-Za-z0-9._-]{1,100}$/.test(rest)) throw targetError("vercel:<project-id-or-name> or vercel:team", rest);
      return { scope: rest, kind: "project" };
    },
    create: (token, { scope, kind }, config) => new VercelConnector({ ...config.vercel, token, ...(kind === "team" ? {} : { projectId: scope }) }),
  },
};

/** Each provider's declaration and behaviour, with the env variables of its token and webhook secret. */
export const ITEM_PROVIDER_REGISTRY = Object.fromEntries(
  ITEM_PROVIDERS.map((provider): [ItemProvider, ItemProviderEntry] => {
    const behaviour = BEHAVIOUR[provider];
    return [
      provider,
      {
        ...ITEM_PROVIDER_DESCRIPTORS[provider],
        ...behaviour,
        tokenEnv: itemSettingEnv(provider, "token"),
        webhook: { ...behaviour.webhook, secretEnv: itemSettingEnv(provider, "webhookSecret") },
      },
    ];
  }),
) as Record<ItemProvider, ItemProviderEntry>;

export function isItemProvider(provider: string): provider is ItemProvider {
  return (ITEM_PROVIDERS as readonly string[]).includes(provider);
}

/** Parses `linear:ENG`, `notion:workspace`, `slack:C0123`, `vercel:prj_1`…; null when the target is no item source. */
export function parseItemTarget(target: string): ItemScope | null {
  const colon = target.indexOf(":");
  if (colon <= 0) return null;
  const provider = target.slice(0, colon).toLowerCase();
  if (!isItemProvider(provider)) return null;
  return { provider, ...ITEM_PROVIDER_REGISTRY[provider].parseScope(target.slice(colon + 1)) };
}

/** The display name of a source: its connect target, e.g. `linear:ENG`. */
export const itemTargetName = (scope: Pick<ItemScope, "provider" | "scope">) => `${scope.provider}:${scope.scope}`;

/** Builds the connector; `token` is the stored credential or, failing that, the configured one. */
export async function createItemConnector(scope: ItemScope, token: string | undefined, config: ItemSourcesConfig): Promise<ItemConnector> {
  const entry = ITEM_PROVIDER_REGISTRY[scope.provider];
  const resolved = token ?? config.tokens?.[scope.provider];
  if (!resolved) {
    throw new TributaryError({
      code: "missing_token",
      retryable: false,
      message: `${itemTargetName(scope)} needs a ${scope.provider} token: set ${entry.tokenEnv} (CLI) or store one when connecting (console)`,
    });
  }
  return entry.create(resolved, scope, config);
}

function targetError(expected: string, given: string): TributaryError {
  return new TributaryError({ code: "bad_target", retryable: false, message: `not a valid target "${given}": expected ${expected}` });
}

/** A string field of a JSON body (an event id), or undefined for anything else. */
export function jsonField(rawBody: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(rawBody) as Record<string, unknown>)[field];
    return typeof value === "string" && value.length > 0 ? value.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
