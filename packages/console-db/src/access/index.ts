export {
  LOCAL_LOGIN,
  LastOwnerError,
  addMember,
  createWorkspace,
  listMembers,
  removeMember,
  roleIn,
  setWorkspaceOrg,
  viewerOf,
  workspacesOf,
  type Viewer,
  type WorkspaceAccess,
} from "./members";
export {
  MISSING_FILES_SHOWN,
  findSource,
  getSourceDetail,
  listActivities,
  listAlerts,
  listOpenAlerts,
  listSourceOverview,
  listWebhookDeliveries,
  listedSources,
  sourcesById,
} from "./workspace-data";
export { authAdapterOptions, findUser, githubAccountIdOf, recordGitHubIdentity, type GitHubIdentity } from "./users";
export {
  claimWebhookDelivery,
  githubSourceIdsOfRepository,
  processedDeliveryWithReplayKey,
  setWebhookDeliveryOutcome,
  type WebhookDeliveryOutcome,
} from "./webhook-deliveries";
