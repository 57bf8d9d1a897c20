import { FakeGitHub, generateAppKeyPair, TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient } from "./client";
import { createGitHubSource } from "./github-source";

const TOKEN_TTL_MS = 10 * 60 * 1000;
let repo: TestRepo;
let fake: FakeGitHub;
const keys = generateAppKeyPair();

beforeAll(async () => {
  repo = await TestRepo.create();
  await repo.writeFile("a.ts", "a\n");
  await repo.commit();
  fake = await FakeGitHub.start({
    repos: [{ dir: repo.dir, owner: "acme", name: "widgets" }],
    app: { appId: 4242, publicKey: keys.publicKey, installationId: 77 },
    installationTokenTtlMs: TOKEN_TTL_MS,
  });
});
afterAll(async () => {
  await fake.stop();
  await repo.remove();
});

function appSource(privateKey = keys.privateKey) {
  // The client reads the fake's clock, so advancing it ages both sides' view of token expiry.
  const client = createGitHubClient({
    auth: { kind: "app", appId: 4242, privateKey, installationId: 77 },
    baseUrl: fake.url,
    now: () => fake.now(),
    timeScaleMs: 1,
  });
  return { client, source: createGitHubSource({ client, owner: "acme", repo: "widgets", branch: "main" }) };
}

describe("GitHub App installation tokens", () => {
  it("mints one token, reuses it, and replaces it before it expires", async () => {
    const { client, source } = appSource();
    const issuedBefore = fake.credentials.issuedCount;
    for (let i = 0; i < 5; i += 1) await source.resolveCommit();
    expect(fake.credentials.issuedCount - issuedBefore).toBe(1);
    expect(client.tokens?.minted).toBe(1);

    // Past half the lifetime (the margin for short-lived tokens), the next call mints a new one first.
    fake.advanceClock(TOKEN_TTL_MS / 2 + 1000);
    const rejectedBefore = fake.count({ status: 401 });
    await source.resolveCommit();
    await source.resolveCommit();
    expect(fake.credentials.issuedCount - issuedBefore).toBe(2);
    expect(fake.count({ status: 401 })).toBe(rejectedBefore);
  });

  it("recovers once from a token GitHub no longer accepts", async () => {
    const { client, source } = appSource();
    await source.resolveCommit();
    fake.credentials.expireInstallationTokens();
    const rejectedBefore = fake.count({ status: 401 });
    expect(await source.resolveCommit()).toBe(await repo.head());
    expect(fake.count({ status: 401 }) - rejectedBefore).toBe(1);
    expect(client.tokens?.minted).toBe(2);
  });

  it("fails for good with the wrong private key, without retrying", async () => {
    const { source } = appSource(generateAppKeyPair().privateKey);
    const before = fake.count();
    await expect(source.resolveCommit()).rejects.toMatchObject({ code: "unauthorized", retryable: false });
    expect(fake.count() - before).toBe(1);
  });
});
