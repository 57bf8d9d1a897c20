export { VercelConnector, type VercelConnectorOptions } from "./connector";
export { verifyVercelWebhook } from "./webhook";
export { resetWaitMs } from "./client";
