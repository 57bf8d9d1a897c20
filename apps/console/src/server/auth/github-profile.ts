import { createGitHubClient } from "@repo/console-github";

export type GitHubProfile = {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image?: string;
  githubLogin: string;
  githubId: string;
  githubOrgs: string[];
};

/**
 * Who signed in, read with their user token through Octokit: the profile, a verified email
 * (GitHub hides most; the noreply address stands in), and the organisations whose members a
 * workspace may admit (private memberships need the read:org scope).
 */
export async function readGitHubProfile(accessToken: string, apiUrl: string | undefined): Promise<GitHubProfile> {
  const { octokit } = createGitHubClient({ auth: { kind: "token", token: accessToken }, ...(apiUrl ? { baseUrl: apiUrl } : {}) });
  const [user, emails, orgs] = await Promise.all([
    octokit.rest.users.getAuthenticated(),
    octokit.rest.users.listEmailsForAuthenticatedUser().catch(() => ({ data: [] })),
    octokit.paginate(octokit.rest.orgs.listForAuthenticatedUser, { per_page: 100 }),
  ]);
  const primary = emails.data.find((e) => e.primary && e.verified);
  const login = user.data.login.toLowerCase();
  return {
    id: String(user.data.id),
    name: user.data.name || user.data.login,
    email: primary?.email ?? `${user.data.id}+${login}@users.noreply.github.com`,
    emailVerified: true,
    ...(user.data.avatar_url ? { image: user.data.avatar_url } : {}),
    githubLogin: login,
    githubId: String(user.data.id),
    githubOrgs: orgs.map((org) => org.login.toLowerCase()),
  };
}
