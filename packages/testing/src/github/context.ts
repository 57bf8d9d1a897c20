import type { FakeRequest, FakeResponse } from "../http";
import type { Caller, Credentials } from "./credentials";
import type { HostedRepo } from "./hosted-repo";
import type { Shapes } from "./shapes";

/** Who may call a route: repository endpoints take tokens, /app endpoints take the App's JWT. */
export type Access = "token" | "app" | "open";

export type ApiHandler = (req: FakeRequest, caller: Caller) => FakeResponse | Promise<FakeResponse>;

/** What the route modules need from FakeGitHub. */
export interface GitHubRouteContext {
  readonly credentials: Credentials;
  readonly baseUrl: string;
  api(method: string, path: string, access: Access, handler: ApiHandler): void;
  /** Raw route: no auth, no budget (codeload downloads). */
  raw(method: string, path: string, handler: (req: FakeRequest) => FakeResponse | Promise<FakeResponse>): void;
  /** Throws 404 for repositories the fake does not host. */
  repo(req: FakeRequest): HostedRepo;
  repos(): HostedRepo[];
  shapes(repo: HostedRepo): Shapes;
  now(): number;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): FakeResponse {
  return { status, body, headers };
}
