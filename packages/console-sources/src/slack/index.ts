export { SlackConnector, type SlackConnectorOptions, type SlackListOptions } from "./connector";
export { verifySlackEvent, type SlackWebhookVerdict } from "./webhook";
export { RateTier, RESTRICTED_PAGE_SIZE, type SlackAppTier } from "./rate-tier";
export { externalId as slackExternalId, documentVersion as slackDocumentVersion, type SlackDocument } from "./documents";
