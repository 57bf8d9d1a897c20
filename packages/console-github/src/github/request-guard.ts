import type { Octokit } from "@octokit/rest";
import { findHttpLimitError, ResponseTooLargeError } from "@repo/http-limits";
import { SourceError } from "../errors";
import { fromHttpLimit } from "./classify-error";
import { ownerNameProblem, repoNameProblem } from "./repository-name";

/**
 * An Octokit plugin that refuses, before anything is sent, a request whose `owner` or `repo`
 * breaks GitHub's naming rules or whose URL has a `.` or `..` path segment (which fetch would
 * resolve, turning `/repos/../user` into `/user`). Listed before the retry plugin, so a refused
 * request fails at once as a final `invalid-name` SourceError instead of being retried; an
 * answer over the body limit likewise fails at once (it would be as big the next time).
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
  octokit.hook.error("request", (error) => {
    const limit = findHttpLimitError(error);
    if (limit instanceof ResponseTooLargeError) throw fromHttpLimit(limit, "calling GitHub", error);
    throw error;
  });
}

function dotSegmentProblem(url: string): string | null {
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "").split(/[?#]/, 1)[0] ?? "";
  const dotted = path.split("/").some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
  return dotted ? `the request path ${JSON.stringify(path)} has a "." or ".." segment` : null;
}
