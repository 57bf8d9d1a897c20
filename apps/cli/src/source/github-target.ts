import { createGitHubClient, type GitHubAuth } from "@repo/console-github";
import type { SourceSpec } from "@repo/console-inngest";
import { z } from "zod";
import { CliError, EXIT } from "../errors";

export interface GitHubSettings {
  auth: GitHubAuth | { kind: "app-installation"; appId: number | string; privateKey: string };
  baseUrl?: string;
}

const RepositorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  full_name: z.string(),
  html_url: z.string(),
  default_branch: z.string(),
  owner: z.object({ login: z.string() }),
});

// Octokit's RequestError: a status, and a response only when the server answered.
const RequestErrorSchema = z.object({ status: z.number(), response: z.object({ status: z.number() }).optional() });

/**
 * A GitHub repository as a source, from one `GET /repos/{owner}/{repo}`: its numeric id is its
 * identity (renames keep the index), the default branch is used unless one is given. This
 * request also proves the token and the network before anything is stored.
 */
export async function githubSourceSpec(owner: string, repo: string, github: GitHubSettings | undefined, branchFlag?: string): Promise<{ spec: SourceSpec; requests: number }> {
  if (!github) throw new CliError(`syncing ${owner}/${repo} from GitHub needs a token: set GITHUB_TOKEN (and GITHUB_API_URL for GitHub Enterprise)`, EXIT.ENVIRONMENT);
  if (github.auth.kind === "app-installation") throw new CliError("the CLI connects GitHub repositories with a token (GITHUB_TOKEN)", EXIT.ENVIRONMENT);
  const baseUrl = github.baseUrl ?? "https://api.github.com";
  // One retry: someone is waiting at a terminal; the sync itself retries more patiently.
  const client = createGitHubClient({ auth: github.auth, baseUrl, retries: 1 });
  let data: z.infer<typeof RepositorySchema>;
  try {
    const response = await client.octokit.rest.repos.get({ owner, repo });
    data = RepositorySchema.parse(response.data);
  } catch (error) {
    throw explainGitHubError(error, `${owner}/${repo}`, baseUrl);
  }
  return {
    spec: {
      provider: "github",
      externalId: String(data.id),
      fullName: data.full_name,
      owner: data.owner.login,
      name: data.name,
      location: data.html_url,
      branch: branchFlag ?? data.default_branch,
      installationId: null,
      syncIntervalMinutes: 60,
    },
    requests: client.requestCount(),
  };
}

export function explainGitHubError(error: unknown, repo: string, baseUrl: string): CliError {
  const parsed = RequestErrorSchema.safeParse(error);
  if (!parsed.success || !parsed.data.response) {
    const reason = error instanceof Error ? error.message : String(error);
    return new CliError(`cannot reach GitHub at ${baseUrl} (${reason}); check the network or GITHUB_API_URL (retry may help)`, EXIT.GITHUB, true);
  }
  switch (parsed.data.status) {
    case 401:
      return new CliError(`GitHub at ${baseUrl} rejected the token (401 Unauthorized); check GITHUB_TOKEN`, EXIT.GITHUB);
    case 403:
    case 429:
      return new CliError(`GitHub refused access to ${repo} (${parsed.data.status}): the token lacks permission or hit a rate limit (retry later may help)`, EXIT.GITHUB, true);
    case 404:
      return new CliError(`repository ${repo} not found on ${baseUrl}, or GITHUB_TOKEN cannot see it`, EXIT.GITHUB);
    default:
      return new CliError(`GitHub at ${baseUrl} answered ${parsed.data.status} for ${repo} (retry may help)`, EXIT.GITHUB, true);
  }
}
