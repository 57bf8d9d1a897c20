import { randomBytes } from "node:crypto";
import type { FakeRequest, FakeResponse } from "../http";
import type { GitHubRouteContext } from "./context";
import { notFound } from "./errors";
import type { HostedRepo } from "./hosted-repo";

export interface TarballState {
  /**
   * "redirect" (default) answers the API request with 302 to a codeload path on the fake, as
   * GitHub does (two HTTP requests, one API request); "direct" serves the bytes with 200.
   */
  delivery: "redirect" | "direct";
  /** `owner/name@ref` → tar.gz bytes served instead of `git archive`. */
  overrides: Map<string, Buffer>;
}

export const CODELOAD_PREFIX = "/_codeload";
/** Codeload links for private repositories carry a token that lasts a few minutes. */
const CODELOAD_TOKEN_TTL_MS = 5 * 60_000;

/** GET /repos/{o}/{r}/tarball/{ref} and the codeload download it redirects to. */
export function registerTarballRoutes(ctx: GitHubRouteContext, state: TarballState): void {
  const codeloadTokens = new Map<string, number>();

  const handler = async (req: FakeRequest): Promise<FakeResponse> => {
    const repo = ctx.repo(req);
    const ref = req.params.ref || (await repo.defaultBranch());
    const override = state.overrides.get(`${repo.fullName}@${ref}`);
    const sha = override ? undefined : await repo.commitSha(ref);
    const key = sha ?? ref;
    if (state.delivery === "direct") return archive(repo, key, state);
    const token = randomBytes(16).toString("hex");
    codeloadTokens.set(token, ctx.now() + CODELOAD_TOKEN_TTL_MS);
    const location = `${ctx.baseUrl}${CODELOAD_PREFIX}/${repo.fullName}/legacy.tar.gz/${encodeURIComponent(key)}?token=${token}`;
    return { status: 302, headers: { location, "content-length": "0" }, raw: Buffer.alloc(0) };
  };
  ctx.api("GET", "/repos/:owner/:repo/tarball", "token", handler);
  ctx.api("GET", "/repos/:owner/:repo/tarball/:ref*", "token", handler);

  ctx.raw("GET", `${CODELOAD_PREFIX}/:owner/:repo/legacy.tar.gz/:ref*`, async (req) => {
    const expiresAt = codeloadTokens.get(req.query.get("token") ?? "");
    if (expiresAt === undefined || ctx.now() >= expiresAt)
      return { status: 404, headers: { "content-type": "text/plain" }, raw: Buffer.from("404: Not Found") };
    return archive(ctx.repo(req), req.params.ref ?? "", state);
  });
}

/** A gzipped tar whose single top folder is `<owner>-<repo>-<sha7>/`, GitHub's layout. */
async function archive(repo: HostedRepo, refOrSha: string, state: TarballState): Promise<FakeResponse> {
  const override = state.overrides.get(`${repo.fullName}@${refOrSha}`);
  const sha = override ? undefined : await repo.reader.resolveCommit(refOrSha);
  if (!override && !sha) throw notFound();
  const folder = `${repo.owner}-${repo.name}-${(sha ?? "0000000").slice(0, 7)}`;
  const headers = { "content-type": "application/x-gzip", "content-disposition": `attachment; filename=${folder}.tar.gz` };
  if (override) return { status: 200, headers: { ...headers, "content-length": String(override.length) }, raw: override };
  return { status: 200, headers, raw: repo.reader.archive(sha ?? refOrSha, `${folder}/`) };
}
