import { createAppAuth } from "@octokit/auth-app";
import { createGitHubClient, type GitHubClient } from "@repo/console-github";

export interface GitHubAppCredentials {
  appId: string;
  privateKey: string;
  baseUrl?: string;
}

export interface InstallableRepository {
  installationId: number;
  fullName: string;
  defaultBranch: string;
}

/** A client for one installation: its token is minted (and refreshed) from the App's key. */
export function installationClient(app: GitHubAppCredentials, installationId: number): GitHubClient {
  return createGitHubClient({
    auth: { kind: "app", appId: app.appId, privateKey: app.privateKey, installationId },
    ...(app.baseUrl ? { baseUrl: app.baseUrl } : {}),
  });
}

/**
 * Every repository the App can read, across its installations: what the Connect page offers.
 * Listing installations needs the App's own JWT; listing an installation's repositories needs
 * that installation's token.
 */
export async function listInstallableRepositories(app: GitHubAppCredentials): Promise<InstallableRepository[]> {
  const { token: jwt } = await createAppAuth({ appId: app.appId, privateKey: app.privateKey })({ type: "app" });
  // Octokit sends a three-part token as `Bearer`, which is what GitHub expects for an App JWT.
  const appClient = createGitHubClient({ auth: { kind: "token", token: jwt }, ...(app.baseUrl ? { baseUrl: app.baseUrl } : {}) });
  const installations = await appClient.octokit.paginate(appClient.octokit.rest.apps.listInstallations, { per_page: 100 });
  const perInstallation = await Promise.all(
    installations.map(async (installation) => {
      const { octokit } = installationClient(app, installation.id);
      const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
      return repositories.map((repo) => ({ installationId: installation.id, fullName: repo.full_name, defaultBranch: repo.default_branch }));
    }),
  );
  return perInstallation.flat().sort((a, b) => a.fullName.localeCompare(b.fullName));
}
