/**
 * A fake GitHub REST API over real HTTP, backed by real git directories, for @octokit/rest.
 *
 * - Requests: `count()` sees every HTTP request; `countApi()` leaves out codeload downloads, so a
 *   tarball fetched through the default 302 redirect is 1 API request + 1 download (as on GitHub,
 *   where only the API request spends rate limit). `setTarballDelivery("direct")` serves it with 200.
 * - Raw media types (`application/vnd.github.raw`, `.raw+json`, `.v3.raw`) are answered with
 *   `<type>; charset=utf-8` like GitHub, so octokit decodes them as text; for exact bytes pass
 *   `request: { parseSuccessResponseBody: false }`.
 * - Tarballs come from `git archive` with GitHub's `<owner>-<repo>-<sha7>/` folder and a pax global
 *   header (`comment=<sha>`); `overrideTarball` serves any bytes instead.
 * - Auth: no tokens and no App configured = open. Otherwise `token`/`bearer` with a static token,
 *   or an installation token from POST /app/installations/{id}/access_tokens (App JWT, RS256).
 * - OAuth web flow (`oauth` option): /login/oauth/authorize (a page with one "Authorize as <login>"
 *   button per user), /login/oauth/access_token (one-time codes, PKCE, GitHub's 200-with-error
 *   answers), then GET /user, /user/emails and /user/orgs with the user token.
 */
export { FakeGitHub, type FakeGitHubOptions, type CountFilter } from "./fake-github";
export type { FakeRepoConfig } from "./hosted-repo";
export type { FakeAppConfig } from "./credentials";
export type { FakeOAuthConfig, FakeOAuthUser, FakeOAuthOrg } from "./oauth";
export type { RateLimitBudget } from "./rate-budget";
export { generateAppKeyPair, type AppKeyPair } from "./app-keys";
export { TestRepo, type TestRepoOptions, type ManyFilesOptions } from "./test-repo";
export { buildHostileTarball, PNG_1X1, LFS_POINTER, type HostileTarball, type HostileEntry, type HostileKind } from "./malicious-tarball";
export { gitEnv } from "./git";
