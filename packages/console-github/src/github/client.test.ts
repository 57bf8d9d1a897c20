import { FakeHttpServer } from "@repo/testing/http";
import { afterEach, describe, expect, it } from "vitest";
import { createGitHubClient } from "./client";
import { createGitHubSource } from "./github-source";

const SHA = "c".repeat(40);
const servers: FakeHttpServer[] = [];

async function serve(): Promise<FakeHttpServer> {
  const server = new FakeHttpServer();
  server.route("GET", "/repos/acme/widgets/git/ref/:ref", () => ({ status: 200, body: { ref: "refs/heads/main", object: { sha: SHA, type: "commit" } } }));
  await server.start();
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

function sourceFor(baseUrl: string, extra: { retries?: number } = {}) {
  const client = createGitHubClient({ auth: { kind: "token", token: "ghp_secret_token_value" }, baseUrl, timeScaleMs: 1, ...extra });
  return { client, source: createGitHubSource({ client, owner: "acme", repo: "widgets", branch: "main" }) };
}

describe("GitHub client errors", () => {
  it("does not retry bad credentials and says so", async () => {
    const server = await serve();
    server.failNext({ status: 401, times: 5, body: { message: "Bad credentials" } });
    const { source } = sourceFor(server.url);
    const error = await source.resolveCommit().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unauthorized", retryable: false, status: 401 });
    expect(String(error)).not.toContain("ghp_secret_token_value");
    expect(server.count()).toBe(1);
  });

  it("reports an unknown branch as a final error", async () => {
    const server = await serve();
    server.failNext({ status: 404, times: 1, body: { message: "Not Found" } });
    await expect(sourceFor(server.url).source.resolveCommit("gone")).rejects.toMatchObject({ code: "unknown-ref", retryable: false });
    expect(server.count()).toBe(1);
  });

  it("retries server errors, then succeeds, counting every attempt", async () => {
    const server = await serve();
    server.failNext({ status: 502, times: 2 });
    const { source, client } = sourceFor(server.url);
    expect(await source.resolveCommit()).toBe(SHA);
    expect(server.count()).toBe(3);
    expect(client.requestCount()).toBe(3);
  });

  it("waits out a secondary rate limit", async () => {
    const server = await serve();
    server.failNext({ status: 403, times: 1, headers: { "retry-after": "1" }, body: { message: "You have exceeded a secondary rate limit" } });
    expect(await sourceFor(server.url).source.resolveCommit()).toBe(SHA);
    expect(server.count()).toBe(2);
  });

  it("gives up on an exhausted primary rate limit with a retryable error and the wait", async () => {
    const server = await serve();
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    server.failNext({
      status: 403,
      times: 5,
      headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      body: { message: "API rate limit exceeded" },
    });
    const error = await sourceFor(server.url)
      .source.resolveCommit()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "rate-limited", retryable: true });
    expect((error as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(3000);
  });

  it("names the host when GitHub cannot be reached", async () => {
    const server = await serve();
    const url = server.url;
    await server.stop();
    const error = await sourceFor(url, { retries: 1 })
      .source.resolveCommit()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "network", retryable: true });
    expect((error as Error).message).toContain(url);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});
