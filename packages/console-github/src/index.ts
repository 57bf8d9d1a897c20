export { SourceError, isSourceError, type SourceErrorCode } from "./errors";

export { diffTreeAgainstManifest, manifestFromEntries, isEmptyDiff, comparePaths } from "./diff/diff-tree";

export { extractTarball, type ArchiveEntryOutcome, type ExtractTarballOptions } from "./content/extract-tarball";
export { gitBlobSha } from "./content/git-blob-sha";
export { redactSecrets, redactFileContent, SECRET_KINDS, type SecretKind, type RedactionCounts, type RedactionResult } from "./content/redact-secrets";

export { checkRepositoryName, parseRepositoryFullName, ownerNameProblem, repoNameProblem, type RepositoryName } from "./github/repository-name";
export { createGitHubClient, type GitHubAuth, type GitHubClient, type GitHubClientOptions } from "./github/client";
export { createGitHubSource, BLOB_FETCH_THRESHOLD, type GitHubSource, type GitHubSourceOptions } from "./github/github-source";
export type { InstallationTokenStats } from "./github/installation-auth";

export { resolveConnectTarget, type ConnectTarget, type ResolvedTarget } from "./connect/resolve-target";

export { createLocalGitSource, type LocalGitSource, type LocalGitSourceOptions } from "./local/local-git-source";

export { receiveWebhook, type WebhookResult, type WebhookRejection, type ReceiveWebhookInput, type HeaderSource } from "./webhooks/receive-webhook";
export { verifyWebhookSignature, type SignatureFailure } from "./webhooks/verify-signature";
export { parseWebhookPayload, pushTargetsBranch, type PayloadParseResult } from "./webhooks/parse-payload";
export {
  GitHubEventSchema,
  PushEventSchema,
  InstallationEventSchema,
  InstallationRepositoriesEventSchema,
  RepositoryEventSchema,
  IgnoredEventSchema,
  type GitHubEvent,
  type PushEvent,
  type InstallationEvent,
  type InstallationRepositoriesEvent,
  type RepositoryEvent,
  type IgnoredEvent,
  type RepositoryRef,
} from "./webhooks/events";
