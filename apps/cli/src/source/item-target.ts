import { ITEM_PROVIDER_REGISTRY, itemSourceSpec, type ItemScope, type SourceSpec } from "@repo/console-inngest";
import type { RuntimeSettings } from "../config/services";
import { CliError, EXIT } from "../errors";

/** The source spec of an item target; fails before opening the database when its token is not set. */
export function itemSpecWithToken(scope: ItemScope, settings: RuntimeSettings): SourceSpec {
  if (!settings.items?.tokens?.[scope.provider]) {
    const env = ITEM_PROVIDER_REGISTRY[scope.provider].tokenEnv;
    throw new CliError(`${scope.provider}:${scope.scope} needs a ${scope.provider} token: set ${env}`, EXIT.ENVIRONMENT);
  }
  return itemSourceSpec(scope);
}
