import {
  ITEM_PROVIDER_DESCRIPTORS,
  type ItemProvider,
  type ItemProviderDescriptor,
  type ItemSetting,
  type ItemSourceSettingEnv,
  type ItemWebhookSecretEnv,
} from "@repo/console-types";
import { z } from "zod";
import type { ItemSourcesConfig } from "../items/registry";

type Descriptors = Readonly<Record<string, ItemProviderDescriptor>>;
type StringShape<K extends string> = { [Name in K]: z.ZodOptional<z.ZodString> };

const schemaOf = (setting: ItemSetting) => (setting.format === "url" ? z.string().url() : z.string().min(1)).optional();

/** A zod shape of the providers' settings whose role is one of `roles`, built from their entries. */
export function itemSettingsShape(roles: readonly ItemSetting["role"][], descriptors: Descriptors = ITEM_PROVIDER_DESCRIPTORS) {
  const settings = Object.values(descriptors).flatMap((descriptor) => descriptor.settings.filter((setting) => roles.includes(setting.role)));
  return Object.fromEntries(settings.map((setting) => [setting.env, schemaOf(setting)])) as Record<string, z.ZodOptional<z.ZodString>>;
}

/** Every provider's token and option variables (the CLI composes these). */
export const ItemProviderSettingsShape = itemSettingsShape(["token", "option"]) as StringShape<ItemSourceSettingEnv>;

/** Item sources' env fragment, composed by each app's env schema (the apps read the env). */
export const ItemSourcesEnvShape = {
  /** Seals stored item-source tokens (AES-256-GCM); ≥ 16 characters. The console may use its auth secret instead. */
  TRIBUTARY_CREDENTIALS_KEY: z.string().min(16).optional(),
  ...ItemProviderSettingsShape,
};

/** Each provider's webhook signing secret (the console's routes verify with them). */
export const ItemWebhookSecretsEnvShape = itemSettingsShape(["webhookSecret"]) as StringShape<ItemWebhookSecretEnv>;

type ItemSourcesEnv = Partial<Record<string, unknown>>;

/**
 * The one env → ItemSourcesConfig mapping both apps use: each provider's token into `tokens`, its
 * option settings (or their defaults) into its connector options.
 */
export function itemSourcesConfigOf(
  env: ItemSourcesEnv,
  fallbackCredentialsKey?: string,
  descriptors: Descriptors = ITEM_PROVIDER_DESCRIPTORS,
): ItemSourcesConfig {
  const value = (setting: ItemSetting) => {
    const raw = env[setting.env];
    return typeof raw === "string" && raw.length > 0 ? raw : setting.default;
  };
  const credentialsKey = (typeof env.TRIBUTARY_CREDENTIALS_KEY === "string" && env.TRIBUTARY_CREDENTIALS_KEY) || fallbackCredentialsKey;
  const tokens: Record<string, string> = {};
  const options: Record<string, Record<string, string>> = {};
  for (const [provider, descriptor] of Object.entries(descriptors)) {
    for (const setting of descriptor.settings) {
      const set = value(setting);
      if (set === undefined) continue;
      if (setting.role === "token") tokens[provider] = set;
      if (setting.role === "option" && setting.option) options[provider] = { ...options[provider], [setting.option]: set };
    }
  }
  // registry.ts checks at compile time that each declared option is one of its connector's options.
  return { ...(credentialsKey ? { credentialsKey } : {}), tokens: tokens as Partial<Record<ItemProvider, string>>, ...(options as Partial<ItemSourcesConfig>) };
}
