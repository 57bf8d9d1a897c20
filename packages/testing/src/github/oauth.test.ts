import { createHash, randomBytes } from "node:crypto";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitHub } from "./fake-github";

const CLIENT = { clientId: "Iv1.fakeclient", clientSecret: "fake-client-secret" };
const CALLBACK = "http://127.0.0.1:3000/api/auth/oauth2/callback/github";

describe("FakeGitHub's OAuth web flow", () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await FakeGitHub.start({
      repos: [],
      oauth: {
        ...CLIENT,
        callbackUrl: CALLBACK,
        users: [
          {
            login: "alice",
            name: "Alice",
            orgs: [
              { login: "acme", public: false },
              { login: "oss", public: true },
            ],
          },
          { login: "bob", email: "bob@example.test" },
        ],
      },
    });
  });
  afterAll(() => github?.stop());

  /** What a browser does on the authorize page: submit the form with the chosen user's button. */
  async function authorize(login: string, params: Record<string, string>): Promise<URL> {
    const query = new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: CALLBACK, state: "st-1", ...params });
    const page = await fetch(`${github.url}/login/oauth/authorize?${query}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Authorize as ${login}`);
    const approved = await fetch(`${github.url}/login/oauth/authorize`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({ ...Object.fromEntries(query), login }),
    });
    expect(approved.status).toBe(302);
    return new URL(approved.headers.get("location")!);
  }
  const exchange = (body: Record<string, string>) =>
    fetch(`${github.url}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json" },
      body: new URLSearchParams({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, ...body }),
    }).then((r) => r.json() as Promise<Record<string, string>>);

  it("signs a user in with PKCE, once per code, and their token reads /user, /user/emails and /user/orgs", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const back = await authorize("alice", {
      scope: "read:user user:email read:org",
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    });
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get("state")).toBe("st-1");
    const code = back.searchParams.get("code")!;
    const token = await exchange({ code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(token).toMatchObject({ token_type: "bearer", scope: "read:user,user:email,read:org" });
    expect(token.access_token).toMatch(/^gho_/);
    expect(await exchange({ code, redirect_uri: CALLBACK, code_verifier: verifier })).toMatchObject({ error: "bad_verification_code" });

    const octokit = new Octokit({ baseUrl: github.url, auth: token.access_token });
    const user = await octokit.rest.users.getAuthenticated();
    expect(user.data).toMatchObject({ login: "alice", name: "Alice", email: null, type: "User" });
    expect(user.headers["x-oauth-scopes"]).toBe("read:user, user:email, read:org");
    const emails = await octokit.rest.users.listEmailsForAuthenticatedUser();
    expect(emails.data).toEqual([expect.objectContaining({ primary: true, verified: true, email: `${user.data.id}+alice@users.noreply.github.com` })]);
    expect((await octokit.rest.orgs.listForAuthenticatedUser()).data.map((o) => o.login)).toEqual(["acme", "oss"]);
  });

  it("hides private organisation memberships and emails without their scopes", async () => {
    const back = await authorize("alice", { scope: "read:user" });
    const token = await exchange({ code: back.searchParams.get("code")! });
    const octokit = new Octokit({ baseUrl: github.url, auth: token.access_token });
    expect((await octokit.rest.orgs.listForAuthenticatedUser()).data.map((o) => o.login)).toEqual(["oss"]);
    await expect(octokit.rest.users.listEmailsForAuthenticatedUser()).rejects.toMatchObject({ status: 404 });
  });

  it("refuses a wrong secret, a wrong PKCE verifier, a foreign redirect_uri and denied consent", async () => {
    const back = await authorize("bob", { code_challenge: "abc", code_challenge_method: "S256" });
    expect(await exchange({ code: back.searchParams.get("code")!, client_secret: "nope" })).toMatchObject({ error: "incorrect_client_credentials" });
    const again = await authorize("bob", { code_challenge: "abc", code_challenge_method: "S256" });
    // Sending the challenge itself as verifier is a downgrade to "plain": refused.
    expect(await exchange({ code: again.searchParams.get("code")!, code_verifier: "abc" })).toMatchObject({ error: "bad_verification_code" });
    const foreign = await fetch(`${github.url}/login/oauth/authorize?client_id=${CLIENT.clientId}&redirect_uri=${encodeURIComponent("https://evil.test/cb")}`);
    expect(foreign.status).toBe(400);
    const denied = await fetch(`${github.url}/login/oauth/authorize`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: CALLBACK, state: "s", deny: "1" }),
    });
    expect(new URL(denied.headers.get("location")!).searchParams.get("error")).toBe("access_denied");
    await expect(new Octokit({ baseUrl: github.url }).rest.users.getAuthenticated()).rejects.toMatchObject({ status: 401 });
  });
});
