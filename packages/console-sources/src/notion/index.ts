export { NotionConnector, type NotionConnectorOptions } from "./connector";
export { verifyNotionWebhook } from "./webhooks";
export { toNotionConnectorError } from "./errors";
