// What each item provider declares as data: its name, its connect target, the environment
// variables it reads and the fields of its connect form. Apps build their env schemas, the
// env → runtime mapping, the CLI's help and the console's connect forms from these entries;
// the behaviour (connector, target parser, webhook verifier) is the provider's entry in
// console-inngest's `items/registry.ts`. Kept free of SDKs: the CLI parses its env from here.

/** One environment variable a provider reads. */
export interface ItemSetting {
  env: string;
  /** One line: what the variable is for. */
  description: string;
  /** Tokens and signing secrets: never logged, echoed, or put in events and step outputs. */
  secret: boolean;
  format: "string" | "url";
  /**
   * `token`: the credential the CLI reads for sources without a stored one; `webhookSecret`: what the
   * console's webhook route verifies with; `option`: a connector option (an endpoint, a team id).
   */
  role: "token" | "webhookSecret" | "option";
  /** The connector option an `option` setting fills. */
  option?: string;
  /** Used when the variable is unset; without one, the service's own default applies. */
  default?: string;
}

/** A field of the console's connect form: `scope` is what to index, `token` the credential (stored sealed, never sent back). */
export interface ItemConnectField {
  name: "scope" | "token";
  label: string;
  placeholder?: string;
  hint?: string;
  /** The inline error when the field is left empty. */
  missing: string;
}

export interface ItemProviderDescriptor {
  /** The service's name in messages. */
  displayName: string;
  /** The CLI's target forms, the first one the main (`linear:<team-key>`). */
  targets: readonly string[];
  /** An extra note for the CLI's help line. */
  note?: string;
  settings: readonly ItemSetting[];
  connect: { title: string; fields: readonly ItemConnectField[] };
  /** The last segment of the console's webhook URL, `/api/<provider>/<webhookPath>`; `webhook` when unset. */
  webhookPath?: string;
}

const scopeMissing = "Enter what to index";
const tokenMissing = "Enter a token";
const endpoint = <Env extends string, Option extends string>(env: Env, option: Option, service: string) =>
  ({
    env,
    description: `${service} API endpoint, for self-hosted proxies and the fakes in tests; ${service}'s own when unset`,
    secret: false,
    format: "url",
    role: "option",
    option,
  }) as const;

/** One entry per item provider: adding a source adds one entry here (and its behaviour in console-inngest). */
const DESCRIPTORS = {
  linear: {
    displayName: "Linear",
    targets: ["linear:<team-key>"],
    settings: [
      {
        env: "LINEAR_API_KEY",
        description: "Linear API key for sources without a stored token (the CLI's way)",
        secret: true,
        format: "string",
        role: "token",
      },
      endpoint("LINEAR_API_URL", "apiUrl", "Linear"),
      {
        env: "LINEAR_WEBHOOK_SECRET",
        description: "Linear webhook signing secret; the route answers 503 when unset",
        secret: true,
        format: "string",
        role: "webhookSecret",
      },
    ],
    connect: {
      title: "Linear team",
      fields: [
        { name: "scope", label: "Team key", placeholder: "ENG", missing: scopeMissing },
        { name: "token", label: "Linear API key", hint: "A personal API key (Settings → API) with read access to the team.", missing: tokenMissing },
      ],
    },
  },
  notion: {
    displayName: "Notion",
    targets: ["notion:<page-or-database-id>", "notion:workspace"],
    settings: [
      {
        env: "NOTION_TOKEN",
        description: "Notion integration secret for sources without a stored token (the CLI's way)",
        secret: true,
        format: "string",
        role: "token",
      },
      endpoint("NOTION_API_URL", "baseUrl", "Notion"),
      {
        env: "NOTION_VERIFICATION_TOKEN",
        description: "Notion webhook verification token (printed once by the route while unset)",
        secret: true,
        format: "string",
        role: "webhookSecret",
      },
    ],
    connect: {
      title: "Notion pages",
      fields: [
        { name: "scope", label: 'Page or database id, or "workspace"', placeholder: "workspace", missing: scopeMissing },
        {
          name: "token",
          label: "Notion integration secret",
          hint: "An internal integration's secret; share the pages with the integration.",
          missing: tokenMissing,
        },
      ],
    },
  },
  slack: {
    displayName: "Slack",
    targets: ["slack:<channel-id-or-name>", "slack:workspace"],
    // The Events API's Request URL.
    webhookPath: "events",
    settings: [
      {
        env: "SLACK_BOT_TOKEN",
        description: "Slack bot token for sources without a stored token (the CLI's way)",
        secret: true,
        format: "string",
        role: "token",
      },
      endpoint("SLACK_API_URL", "apiUrl", "Slack"),
      {
        env: "SLACK_SIGNING_SECRET",
        description: "Slack signing secret of the Events API; the route answers 503 when unset",
        secret: true,
        format: "string",
        role: "webhookSecret",
      },
    ],
    connect: {
      title: "Slack messages",
      fields: [
        { name: "scope", label: 'Channel id or name, or "workspace"', placeholder: "C0123456789", missing: scopeMissing },
        { name: "token", label: "Slack bot token", hint: "xoxb-…, with channels:history and channels:read.", missing: tokenMissing },
      ],
    },
  },
  vercel: {
    displayName: "Vercel",
    targets: ["vercel:<project-id-or-name>", "vercel:team"],
    note: "VERCEL_TEAM_ID scopes to a team",
    settings: [
      {
        env: "VERCEL_TOKEN",
        description: "Vercel access token for sources without a stored token (the CLI's way)",
        secret: true,
        format: "string",
        role: "token",
      },
      endpoint("VERCEL_API_URL", "baseUrl", "Vercel"),
      {
        env: "VERCEL_TEAM_ID",
        description: "Scopes every Vercel call to this team (Vercel's teamId)",
        secret: false,
        format: "string",
        role: "option",
        option: "teamId",
      },
      {
        env: "VERCEL_WEBHOOK_SECRET",
        description: "Vercel webhook secret; the route answers 503 when unset",
        secret: true,
        format: "string",
        role: "webhookSecret",
      },
    ],
    connect: {
      title: "Vercel deployments",
      fields: [
        { name: "scope", label: 'Project id or name, or "team"', placeholder: "team", missing: scopeMissing },
        { name: "token", label: "Vercel token", hint: "An access token; VERCEL_TEAM_ID scopes it to a team.", missing: tokenMissing },
      ],
    },
  },
} as const satisfies Record<string, ItemProviderDescriptor>;

export type ItemProvider = keyof typeof DESCRIPTORS;

/**
 * The item providers (sources planned from a connector's change listing rather than a git tree):
 * the one list the database's provider enum, the registry and every provider union derive from.
 */
export const ITEM_PROVIDERS = Object.keys(DESCRIPTORS) as [ItemProvider, ...ItemProvider[]];

export const ITEM_PROVIDER_DESCRIPTORS: Record<ItemProvider, ItemProviderDescriptor> = DESCRIPTORS;

type SettingOf<R extends ItemSetting["role"]> = Extract<(typeof DESCRIPTORS)[ItemProvider]["settings"][number], { role: R }>;
/** The env variables of every provider's tokens and options (literal names, for typed env schemas). */
export type ItemSourceSettingEnv = SettingOf<"token" | "option">["env"];
/** The env variables of every provider's webhook secrets. */
export type ItemWebhookSecretEnv = SettingOf<"webhookSecret">["env"];

/** The connector options a provider's settings fill (registry.ts checks them against the connector's). */
export type ItemOptionName<P extends ItemProvider> = Extract<(typeof DESCRIPTORS)[P]["settings"][number], { role: "option" }>["option"];

/** The console's webhook URL path of a provider, e.g. `/api/linear/webhook`. */
export function itemWebhookPath(provider: ItemProvider): string {
  return `/api/${provider}/${ITEM_PROVIDER_DESCRIPTORS[provider].webhookPath ?? "webhook"}`;
}

/** The env variable of a provider's token or webhook secret. */
export function itemSettingEnv(provider: ItemProvider, role: "token" | "webhookSecret"): string {
  const setting = ITEM_PROVIDER_DESCRIPTORS[provider].settings.find((s) => s.role === role);
  if (!setting) throw new Error(`${provider} declares no ${role} setting`);
  return setting.env;
}

/**
 * The values of every setting declared `secret` that `env` holds, longest first (so a secret that
 * contains another is replaced whole). Values under 8 characters are left out: replacing "a" or
 * "1" everywhere would garble a message without protecting anything.
 */
export function itemSecretValues(
  env: Readonly<Record<string, unknown>>,
  descriptors: Readonly<Record<string, ItemProviderDescriptor>> = ITEM_PROVIDER_DESCRIPTORS,
) {
  const secrets = Object.values(descriptors).flatMap((descriptor) =>
    descriptor.settings.flatMap((setting) => {
      const value = env[setting.env];
      return setting.secret && typeof value === "string" && value.length >= 8 ? [{ env: setting.env, value }] : [];
    }),
  );
  return secrets.sort((a, b) => b.value.length - a.value.length);
}

/** `text` with each secret setting's value replaced by `[ENV_NAME]`, for messages that reach a terminal, a page or a log. */
export function redactItemSecrets(
  text: string,
  env: Readonly<Record<string, unknown>>,
  descriptors: Readonly<Record<string, ItemProviderDescriptor>> = ITEM_PROVIDER_DESCRIPTORS,
): string {
  return itemSecretValues(env, descriptors).reduce((redacted, secret) => redacted.replaceAll(secret.value, `[${secret.env}]`), text);
}
