import type { Octokit } from "@octokit/rest";
import { SourceError } from "../errors";
import { ownerNameProblem, repoNameProblem } from "./repository-name";

/**
 * An Octokit plugin that refuses, before anything is sent, a request whose `owner` or `repo`
 * breaks GitHub's naming rules or whose URL has a `.` or `..` path segment (which fetch would
 * resolve, turning `/repos/../user` into `/user`). Listed before the retry plugin, so a refused
 * request fails at once as a final `invalid-name` SourceError instead of being retried.
 */
export function requestGuard(octokit: Pick<Octokit, "hook" | "request">): void {
  octokit.hook.before("request", (options) => {
    const params = options as Record<string, unknown>;
    const problem =
      (typeof params.owner === "string" ? ownerNameProblem(params.owner) : null) ??
      (typeof params.repo === "string" ? repoNameProblem(params.repo) : null) ??
      dotSegmentProblem(octokit.request.endpoint.parse(options).url);
    if (problem) throw new SourceError("invalid-name", `refusing to call GitHub: ${problem}`);
  });
}

function dotSegmentProblem(url: string): string | null {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "").split(/[?#]/, 1)[0] ?? "";
  const dotted = path.split("/").some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
  return dotted ? `the request path ${JSON.stringify(path)} has a "." or ".." segment` : null;
}
