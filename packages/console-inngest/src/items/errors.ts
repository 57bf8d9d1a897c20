import type { ConnectorErrorShape } from "@repo/console-types";

/** An item source's setup problem (bad target, missing token or key), in the one error shape. */
export class ItemSourceError extends Error implements ConnectorErrorShape {
  override readonly name = "ItemSourceError";
  constructor(
    readonly code: string,
    readonly retryable: boolean,
    message: string,
  ) {
    super(message);
  }
}
