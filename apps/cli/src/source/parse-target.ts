import { usageError } from "../errors";

export type SyncTarget = { kind: "local"; path: string } | { kind: "github"; owner: string; repo: string };

const NAME = /^[A-Za-z0-9_.-]+$/;

/** `github:owner/repo`, `https://github.com/owner/repo[.git]`, or anything else as a local path. */
export function parseTarget(raw: string): SyncTarget {
  const prefixed = /^github:([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(raw);
  if (prefixed) return github(prefixed[1]!, prefixed[2]!, raw);
  if (/^https?:\/\//.test(raw)) {
    const url = new URL(raw);
    const [owner, repo, ...rest] = url.pathname.split("/").filter(Boolean);
    if (url.hostname === "github.com" && owner && repo && rest.length === 0) return github(owner, repo.replace(/\.git$/, ""), raw);
    throw usageError(`${raw} is not a GitHub repository URL (expected https://github.com/owner/repo, or github:owner/repo for GitHub Enterprise with GITHUB_API_URL)`);
  }
  return { kind: "local", path: raw };
}

function github(owner: string, repo: string, raw: string): SyncTarget {
  if (!NAME.test(owner) || !NAME.test(repo)) throw usageError(`${raw}: owner and repository names are letters, digits, "-", "_" and "."`);
  return { kind: "github", owner, repo };
}
