export { LinearConnector, type LinearConnectorOptions } from "./connector";
export { verifyLinearWebhook } from "./webhooks";
export { LINEAR_TEAM_KEY, linearTeamScope } from "./team-key";
export { toLinearConnectorError } from "./errors";
