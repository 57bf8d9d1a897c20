export { FakeGitHub, type FakeGitHubOptions, type CountFilter } from "./fake-github";
export type { FakeRepoConfig } from "./hosted-repo";
export type { FakeAppConfig } from "./credentials";
export type { RateLimitBudget } from "./rate-budget";
export { generateAppKeyPair, type AppKeyPair } from "./app-keys";
export { TestRepo, type TestRepoOptions, type ManyFilesOptions } from "./test-repo";
export { gitEnv } from "./git";
export { buildHostileTarball, PNG_1X1, LFS_POINTER, type HostileTarball, type HostileEntry, type HostileKind } from "./malicious-tarball";
