export { FakeSlack, type FakeSlackOptions } from "./fake-slack";
export { SlackWorkspace, compareTs, type SlackChannel, type SlackMessage, type SlackUser } from "./workspace";
export { seedSlackWorkspace, type SlackSeed } from "./seed";
export { slackGroundTruth, diffGroundTruth } from "./ground-truth";
export { signSlackRequest, slackEventCallback } from "./signing";
export { SLACK_PAGE_SIZES, SLACK_TIERS, METHOD_TIERS, RESTRICTED_PAGE_SIZE, type SlackAppKind } from "./tiers";
