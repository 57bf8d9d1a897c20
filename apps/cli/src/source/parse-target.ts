import { checkRepositoryName } from "@repo/console-github";
import { parseItemTarget, type ItemScope } from "@repo/console-inngest";
import { errorShapeOf } from "@repo/console-types";
import { usageError } from "../errors";

export type SyncTarget = { kind: "local"; path: string } | { kind: "github"; owner: string; repo: string } | { kind: "item"; scope: ItemScope };

/**
 * `github:owner/repo`, `https://github.com/owner/repo[.git]`, an item source (`linear:ENG`,
 * `notion:<page-id|workspace>`, `slack:<channel|workspace>`, `vercel:<project|team>`), or anything
 * else as a local path.
 */
export function parseTarget(raw: string): SyncTarget {
  const item = itemTarget(raw);
  if (item) return { kind: "item", scope: item };
  const prefixed = /^github:([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(raw);
  if (prefixed) return github(prefixed[1]!, prefixed[2]!, raw);
  if (/^https?:\/\//.test(raw)) {
    const url = new URL(raw);
    const [owner, repo, ...rest] = url.pathname.split("/").filter(Boolean);
    if (url.hostname === "github.com" && owner && repo && rest.length === 0) return github(owner, repo.replace(/\.git$/, ""), raw);
    throw usageError(
      `${raw} is not a GitHub repository URL (expected https://github.com/owner/repo, or github:owner/repo for GitHub Enterprise with GITHUB_API_URL)`,
    );
  }
  return { kind: "local", path: raw };
}

// GitHub's naming rules, shared with the console; `github:../user` never reaches Octokit.
function github(owner: string, repo: string, raw: string): SyncTarget {
  const name = checkRepositoryName(owner, repo);
  if (!name.ok) throw usageError(`${raw}: ${name.message}`);
  return { kind: "github", owner, repo };
}

function itemTarget(raw: string): ItemScope | null {
  try {
    return parseItemTarget(raw);
  } catch (error) {
    const shape = errorShapeOf(error);
    if (shape) throw usageError(shape.message);
    throw error;
  }
}
