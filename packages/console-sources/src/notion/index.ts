export { NotionConnector, type NotionConnectorOptions } from "./connector";
export { NotionBlockCache } from "./block-cache";
export { verifyNotionWebhook } from "./webhooks";
export { toNotionConnectorError } from "./errors";
