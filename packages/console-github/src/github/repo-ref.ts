import type { GitHubClient } from "./client";
import { classifyGitHubError } from "./classify-error";

export interface RepoRef {
  client: GitHubClient;
  owner: string;
  repo: string;
}

/** Runs one GitHub call, turning its failure into a SourceError that names what was being done. */
export async function call<T>(ref: RepoRef, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw classifyGitHubError(error, `${what} of ${ref.owner}/${ref.repo}`, ref.client.baseUrl);
  }
}
