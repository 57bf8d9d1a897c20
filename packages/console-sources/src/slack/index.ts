export { SlackConnector, type SlackConnectorOptions } from "./connector";
export { verifySlackEvent } from "./webhook";
export { RateTier, RESTRICTED_PAGE_SIZE, type SlackAppTier } from "./rate-tier";
export { externalId as slackExternalId, documentVersion as slackDocumentVersion, type SlackDocument } from "./documents";
