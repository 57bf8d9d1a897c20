export { VercelConnector, type VercelConnectorOptions, type VercelListOptions } from "./connector";
export { verifyVercelWebhook, type VercelWebhookVerdict } from "./webhook";
export { resetWaitMs } from "./client";
