// The apps' env fragments and the one env → runtime mapping, without the workflows and the SDKs
// behind them: `@repo/console-inngest/env` (every CLI command parses its environment first).
export { RetentionEnvShape, retentionSettingsOf } from "../runtime/retention-env";
export { embeddingConfigOf, serviceConfigOf, type ServiceConfig, type ServiceEnv } from "../runtime/runtime-env";
export { ItemProviderSettingsShape, ItemSourcesEnvShape, ItemWebhookSecretsEnvShape, itemSettingsShape, itemSourcesConfigOf } from "../runtime/items-env";
