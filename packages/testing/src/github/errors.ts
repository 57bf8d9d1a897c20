import type { FakeResponse } from "../http";

const DOCS = "https://docs.github.com/rest";

/** Thrown inside route handlers; becomes GitHub's error body `{ message, documentation_url, status }`. */
export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function notFound(): GitHubApiError {
  return new GitHubApiError(404, "Not Found");
}

export function errorResponse(status: number, message: string, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers, body: { message, documentation_url: DOCS, status: String(status) } };
}
