export { LinearConnector, type LinearConnectorOptions } from "./connector";
export { verifyLinearWebhook } from "./webhooks";
export { toLinearConnectorError } from "./errors";
