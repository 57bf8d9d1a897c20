import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { limitedFetch } from "@repo/http-limits";
import { createInstallationAuth, type InstallationTokenStats } from "./installation-auth";
import { requestGuard } from "./request-guard";

export type GitHubAuth = { kind: "token"; token: string } | { kind: "app"; appId: number | string; privateKey: string; installationId: number };

export interface GitHubClientOptions {
  auth: GitHubAuth;
  /** Default https://api.github.com; GitHub Enterprise is `https://<host>/api/v3`. */
  baseUrl?: string;
  userAgent?: string;
  /** Retries of 5xx and network failures (plugin-retry). Default 3. */
  retries?: number;
  /**
   * Milliseconds per second of waiting: retry backoff (1, 4, 9 s) and rate-limit waits are
   * multiplied by it. Default 1000; tests shrink it to keep real waits out of the suite.
   */
  timeScaleMs?: number;
  /** Longest rate-limit wait to sit out inside a request before failing as `rate-limited`. Default 60 s. */
  maxRateLimitWaitSeconds?: number;
  /** Rate-limit retries per request. Default 2. */
  rateLimitRetries?: number;
  /**
   * Longest silence from GitHub in ms (no headers, or no body bytes while reading) before a
   * request fails as a retryable `timeout`. Default 60 s.
   */
  timeoutMs?: number;
  /** Largest API or blob response accepted, in bytes. Default 64 MiB (blobs are ≤ 50 MiB by config). */
  maxResponseBytes?: number;
  /** Largest commit tarball accepted (compressed), in bytes. Default 2 GiB. */
  maxArchiveBytes?: number;
  /** Clock for installation-token expiry (tests). */
  now?: () => number;
  /**
   * Where Octokit's own messages go. By default only warnings are printed: failed requests
   * already reach the caller as SourceErrors, so logging them here too would say it twice.
   */
  log?: { debug(message: string): void; info(message: string): void; warn(message: string): void; error(message: string): void };
}

const QUIET_LOG = { debug() {}, info() {}, warn: console.warn, error() {} };

export interface GitHubClient {
  readonly octokit: Octokit;
  readonly baseUrl: string;
  /** HTTP requests actually sent (retries and token mints included), for `requests.github`. */
  requestCount(): number;
  /** Installation-token bookkeeping, for App auth. */
  readonly tokens: InstallationTokenStats | null;
}

// The guard comes first so its refusals are never retried or throttled.
const ThrottledOctokit = Octokit.plugin(requestGuard, throttling, retry);

export const GITHUB_DEFAULT_LIMITS = { timeoutMs: 60_000, maxResponseBytes: 64 * 1024 * 1024, maxArchiveBytes: 2 * 1024 * 1024 * 1024 } as const;

const isArchive = (url: string) => /\/tarball\//.test(url);

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const baseUrl = (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, "");
  let requests = 0;
  const maxArchiveBytes = options.maxArchiveBytes ?? GITHUB_DEFAULT_LIMITS.maxArchiveBytes;
  const limited = limitedFetch({
    service: "GitHub",
    timeoutMs: options.timeoutMs ?? GITHUB_DEFAULT_LIMITS.timeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? GITHUB_DEFAULT_LIMITS.maxResponseBytes,
    // Tarballs stream into the extractor (never whole in memory); every other answer is read in full.
    streamFor: isArchive,
    maxBytesFor: (url) => (isArchive(url) ? maxArchiveBytes : (options.maxResponseBytes ?? GITHUB_DEFAULT_LIMITS.maxResponseBytes)),
  });
  // Counting at the fetch level sees what GitHub's rate limit sees: each retry and token mint.
  const countingFetch: typeof fetch = (input, init) => {
    requests += 1;
    return limited(input, init);
  };
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const timeScaleMs = options.timeScaleMs ?? 1000;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const shouldWait = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < rateLimitRetries && retryAfter <= maxWait;
  const app = options.auth.kind === "app" ? options.auth : undefined;
  let tokens: InstallationTokenStats | null = null;

  const octokit = new ThrottledOctokit({
    baseUrl,
    userAgent: options.userAgent ?? "tributary",
    log: options.log ?? QUIET_LOG,
    request: { fetch: countingFetch },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: timeScaleMs },
    throttle: { onRateLimit: shouldWait, onSecondaryRateLimit: shouldWait, retryAfterBaseValue: timeScaleMs, fallbackSecondaryRateRetryAfter: 60 },
    ...(app
      ? {
          authStrategy: (strategyOptions: { request: Octokit["request"] }) => {
            const auth = createInstallationAuth({ ...app, request: strategyOptions.request, now: options.now });
            tokens = auth.stats;
            return auth;
          },
        }
      : { auth: options.auth.kind === "token" ? options.auth.token : undefined }),
  });

  return {
    octokit,
    baseUrl,
    requestCount: () => requests,
    get tokens() {
      return tokens;
    },
  };
}
