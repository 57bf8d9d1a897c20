import { createAppAuth } from "@octokit/auth-app";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAppKeyPair } from "./app-keys";
import { FakeGitHub } from "./fake-github";
import { TestRepo } from "./test-repo";

const APP_ID = 4242;
const keys = generateAppKeyPair();
let repo: TestRepo;
let fake: FakeGitHub;
const o = { owner: "acme", repo: "private-repo" };

function appAuth(privateKey = keys.privateKey, appId = APP_ID) {
  return createAppAuth({ appId, privateKey, installationId: 1, request: new Octokit({ baseUrl: fake.url }).request });
}

beforeAll(async () => {
  repo = await TestRepo.create();
  await repo.writeFile("a.md", "a\n");
  await repo.commit("a");
  fake = await FakeGitHub.start({
    repos: [{ dir: repo.dir, owner: "acme", name: "private-repo" }],
    tokens: ["ghp_static"],
    app: { appId: APP_ID, publicKey: keys.publicKey, installationId: 1 },
    installationTokenTtlMs: 60_000,
  });
});

afterAll(async () => {
  await fake.stop();
  await repo.remove();
});

describe("FakeGitHub App authentication", () => {
  it("exchanges a JWT signed with the App key for a short-lived installation token that later gives 401", async () => {
    const before = fake.credentials.issuedCount;
    const auth = await appAuth()({ type: "installation" });
    expect(auth.token).toMatch(/^ghs_/);
    const lifetime = Date.parse(auth.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(50_000);
    expect(lifetime).toBeLessThanOrEqual(60_000);
    expect(fake.credentials.issuedCount).toBe(before + 1);

    const withToken = new Octokit({ baseUrl: fake.url, auth: auth.token });
    expect((await withToken.rest.repos.get(o)).data.full_name).toBe("acme/private-repo");
    const listed = await withToken.rest.apps.listReposAccessibleToInstallation();
    expect(listed.data.repositories.map((r) => r.full_name)).toEqual(["acme/private-repo"]);

    fake.advanceClock(61_000);
    await expect(withToken.rest.repos.get(o)).rejects.toMatchObject({ status: 401, message: expect.stringContaining("Bad credentials") });
    // A fresh token (refresh bypasses auth-app's own cache) works again.
    const fresh = await appAuth()({ type: "installation", refresh: true });
    expect(fresh.token).not.toBe(auth.token);
    expect((await new Octokit({ baseUrl: fake.url, auth: fresh.token }).rest.repos.get(o)).status).toBe(200);
  });

  it("works as an Octokit authStrategy and serves the App's installation endpoints", async () => {
    const octokit = new Octokit({ baseUrl: fake.url, authStrategy: createAppAuth, auth: { appId: APP_ID, privateKey: keys.privateKey, installationId: 1 } });
    expect((await octokit.rest.repos.getBranch({ ...o, branch: "main" })).status).toBe(200);
    const app = new Octokit({ baseUrl: fake.url, authStrategy: createAppAuth, auth: { appId: APP_ID, privateKey: keys.privateKey } });
    expect((await app.rest.apps.listInstallations()).data.map((i) => i.id)).toEqual([1]);
    expect((await app.rest.apps.getRepoInstallation(o)).data).toMatchObject({ id: 1, app_id: APP_ID });
  });

  it("rejects JWTs from another key, for another app id, or past their expiry", async () => {
    const other = generateAppKeyPair();
    await expect(appAuth(other.privateKey)({ type: "installation", refresh: true })).rejects.toMatchObject({ status: 401 });
    await expect(appAuth(keys.privateKey, 999)({ type: "installation", refresh: true })).rejects.toMatchObject({ status: 401 });
    const { token: jwt } = await appAuth()({ type: "app" });
    fake.advanceClock(20 * 60_000);
    const post = fetch(`${fake.url}/app/installations/1/access_tokens`, { method: "POST", headers: { authorization: `bearer ${jwt}` } });
    const response = await post;
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toMatch(/'Expiration time' claim/);
    // A JWT is not a token for repository endpoints.
    await expect(new Octokit({ baseUrl: fake.url, auth: jwt }).rest.repos.get(o)).rejects.toMatchObject({ status: 401 });
  });

  it("accepts the static token and refuses wrong or missing credentials", async () => {
    expect((await new Octokit({ baseUrl: fake.url, auth: "ghp_static" }).rest.repos.get(o)).status).toBe(200);
    await expect(new Octokit({ baseUrl: fake.url, auth: "ghp_wrong" }).rest.repos.get(o)).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("Bad credentials"),
    });
    await expect(new Octokit({ baseUrl: fake.url }).rest.repos.get(o)).rejects.toMatchObject({ status: 401 });
  });
});
