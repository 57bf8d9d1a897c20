/**
 * GitHub's naming rules, checked before a name is used anywhere — in a form, on the command line
 * or in a request path. An owner (user or organisation) is letters, digits and single hyphens,
 * neither first nor last, at most 39 characters; a repository is letters, digits, `.`, `-` and
 * `_`, at most 100 characters, and never `.` or `..`. Without this, `../user` as an owner makes
 * Octokit request `/repos/../user`, which the URL parser turns into `GET /user` — sent with the
 * server's own token.
 */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

export type RepositoryName = { ok: true; owner: string; repo: string } | { ok: false; message: string };

/** Why `owner` cannot be a GitHub owner, or null when it can. */
export function ownerNameProblem(owner: string): string | null {
  if (OWNER.test(owner)) return null;
  return `${JSON.stringify(owner)} is not a GitHub owner name: owners are letters, digits and single hyphens (not first or last), at most 39 characters`;
}

/** Why `repo` cannot be a GitHub repository name, or null when it can. */
export function repoNameProblem(repo: string): string | null {
  if (REPO.test(repo) && repo !== "." && repo !== "..") return null;
  return `${JSON.stringify(repo)} is not a GitHub repository name: names are letters, digits, ".", "-" and "_", at most 100 characters, and not "." or ".."`;
}

export function checkRepositoryName(owner: string, repo: string): RepositoryName {
  const problem = ownerNameProblem(owner) ?? repoNameProblem(repo);
  return problem ? { ok: false, message: problem } : { ok: true, owner, repo };
}

/** `owner/name` as typed in a form (a trailing `.git` is dropped), checked against the rules. */
export function parseRepositoryFullName(value: string): RepositoryName {
  const parts = value
    .trim()
    .replace(/\.git$/, "")
    .split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, message: "Enter owner/name, e.g. acme/widgets" };
  return checkRepositoryName(parts[0], parts[1]);
}
