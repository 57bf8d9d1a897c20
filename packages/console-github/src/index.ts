export { SourceError, isSourceError, type SourceErrorCode } from "./errors";

export { diffTreeAgainstManifest, manifestFromEntries, isEmptyDiff, comparePaths } from "./diff/diff-tree";

export { TributaryConfigSchema, DEFAULT_CONFIG, DEFAULT_MAX_FILE_BYTES, DEFAULT_SYNC_INTERVAL_MINUTES, MIN_SYNC_INTERVAL_MINUTES, type TributaryConfig, type TributaryConfigInput } from "./config/schema";
export { parseTributaryConfig, type ConfigIssue, type ConfigParseResult } from "./config/parse-config";
export { loadTributaryConfig, findConfigEntry, CONFIG_FILE_NAMES } from "./config/load-config";
export { classifyPath } from "./config/classify-path";
export { DEFAULT_SKIPS, type DefaultSkipReason } from "./config/default-skips";

export { isUnsafePath } from "./content/safe-path";
export { inspectContent, inspectEntry, isLfsPointer, looksBinary, LFS_POINTER_PREFIX, type Skip } from "./content/inspect-content";
export { extractTarball, type ArchiveEntryOutcome, type ExtractTarballOptions } from "./content/extract-tarball";
export { gitBlobSha } from "./content/git-blob-sha";
export { redactSecrets, redactFileContent, SECRET_KINDS, type SecretKind, type RedactionCounts, type RedactionResult } from "./content/redact-secrets";

export { checkRepositoryName, parseRepositoryFullName, ownerNameProblem, repoNameProblem, type RepositoryName } from "./github/repository-name";
export { createGitHubClient, type GitHubAuth, type GitHubClient, type GitHubClientOptions } from "./github/client";
export { createGitHubSource, BLOB_FETCH_THRESHOLD, type GitHubSource, type GitHubSourceOptions } from "./github/github-source";
export type { InstallationTokenStats } from "./github/installation-auth";

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
