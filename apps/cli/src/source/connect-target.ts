import { createGitHubClient, resolveConnectTarget, SourceError, type GitHubAuth, type ResolvedTarget } from "@repo/console-github";
import type { SourceSpec } from "@repo/console-inngest";
import { CliError, EXIT } from "../errors";
import type { SyncTarget } from "./parse-target";

export interface GitHubSettings {
  auth: GitHubAuth | { kind: "app-installation"; appId: number | string; privateKey: string };
  baseUrl?: string;
}

const DEFAULT_SYNC_INTERVAL_MINUTES = 60;

/**
 * The source a `tributary sync` target names, through the resolver the console uses too: a local
 * repository by its real top-level path, a GitHub repository by its id (one request, which also
 * proves the token and the network). Checked before anything is opened or changed.
 */
export async function sourceSpecFor(
  target: Exclude<SyncTarget, { kind: "item" }>,
  cwd: string,
  github: GitHubSettings | undefined,
  branch?: string,
): Promise<{ spec: SourceSpec; requests: number }> {
  if (target.kind === "local") {
    const resolved = await resolveConnectTarget({ kind: "local", path: target.path, cwd, branch }).catch(rethrowAsCliError(target.path, ""));
    return { spec: specOf(resolved), requests: 0 };
  }
  const repo = `${target.owner}/${target.repo}`;
  if (!github) throw new CliError(`syncing ${repo} from GitHub needs a token: set GITHUB_TOKEN (and GITHUB_API_URL for GitHub Enterprise)`, EXIT.ENVIRONMENT);
  if (github.auth.kind === "app-installation") throw new CliError("the CLI connects GitHub repositories with a token (GITHUB_TOKEN)", EXIT.ENVIRONMENT);
  const baseUrl = github.baseUrl ?? "https://api.github.com";
  // One retry: someone is waiting at a terminal; the sync itself retries more patiently.
  const client = createGitHubClient({ auth: github.auth, baseUrl, retries: 1 });
  const resolved = await resolveConnectTarget({ kind: "github", fullName: repo, client, branch }).catch(rethrowAsCliError(repo, baseUrl));
  return { spec: specOf(resolved), requests: client.requestCount() };
}

const specOf = (resolved: ResolvedTarget): SourceSpec => ({ ...resolved, syncIntervalMinutes: DEFAULT_SYNC_INTERVAL_MINUTES });

const rethrowAsCliError = (target: string, baseUrl: string) => (error: unknown) => {
  throw error instanceof SourceError ? explainSourceError(error, target, baseUrl) : error;
};

/** A resolver failure in the CLI's words, with the exit code its SourceError code calls for. */
export function explainSourceError(error: SourceError, target: string, baseUrl: string): CliError {
  switch (error.code) {
    case "no-such-directory":
    case "not-a-git-repository":
      return new CliError(error.message, EXIT.SOURCE);
    case "detached-head":
      return new CliError(`${error.message}; pass --branch <name>`, EXIT.SOURCE);
    case "unknown-ref":
      return new CliError(`${error.message}; index what is committed, e.g. --branch main`, EXIT.SOURCE);
    case "network":
    case "timeout": {
      const reason = error.cause instanceof Error ? error.cause.message : error.message;
      return new CliError(`cannot reach GitHub at ${baseUrl} (${reason}); check the network or GITHUB_API_URL (retry may help)`, EXIT.GITHUB, true);
    }
    case "unauthorized":
      return new CliError(`GitHub at ${baseUrl} rejected the token (401 Unauthorized); check GITHUB_TOKEN`, EXIT.GITHUB);
    case "forbidden":
    case "rate-limited":
      return new CliError(
        `GitHub refused access to ${target} (${error.status ?? 403}): the token lacks permission or hit a rate limit (retry later may help)`,
        EXIT.GITHUB,
        true,
      );
    case "not-found":
      return new CliError(`repository ${target} not found on ${baseUrl}, or GITHUB_TOKEN cannot see it`, EXIT.GITHUB);
    case "invalid-name":
      return new CliError(`${target}: ${error.message}`, EXIT.USAGE);
    default:
      return new CliError(
        `GitHub at ${baseUrl} answered ${error.status ?? "with an error"} for ${target}: ${error.message} (retry may help)`,
        EXIT.GITHUB,
        error.retryable,
      );
  }
}
