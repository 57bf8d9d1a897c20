import { FakeHttpServer } from "@repo/testing/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient } from "./client";
import { createGitHubSource } from "./github-source";
import { checkRepositoryName, parseRepositoryFullName } from "./repository-name";

describe("GitHub owner and repository names", () => {
  it.each([
    ["acme", "widgets"],
    ["a", "b"],
    ["octo-org", "my.repo_name-2"],
    ["A1-b2-C3", ".github"],
    ["x".repeat(39), "y".repeat(100)],
    ["acme", "..."],
  ])("accepts %s/%s", (owner, repo) => {
    expect(checkRepositoryName(owner, repo)).toEqual({ ok: true, owner, repo });
  });

  it.each([
    ["..", "user", "owner"],
    [".", "widgets", "owner"],
    ["acme", "..", "repository"],
    ["acme", ".", "repository"],
    ["-acme", "widgets", "owner"],
    ["acme-", "widgets", "owner"],
    ["ac--me", "widgets", "owner"],
    ["ac_me", "widgets", "owner"],
    ["ac.me", "widgets", "owner"],
    ["x".repeat(40), "widgets", "owner"],
    ["acme", "y".repeat(101), "repository"],
    ["acme", "wid gets", "repository"],
    ["acme", "wid%2fgets", "repository"],
    ["", "widgets", "owner"],
    ["acme", "", "repository"],
  ])("rejects %s/%s with a message about the %s", (owner, repo, which) => {
    const result = checkRepositoryName(owner, repo);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`is not a GitHub ${which} name`);
  });

  it("parses owner/name as typed, and says what is wrong", () => {
    expect(parseRepositoryFullName(" acme/widgets.git ")).toEqual({ ok: true, owner: "acme", repo: "widgets" });
    expect(parseRepositoryFullName("../user")).toMatchObject({ ok: false, message: expect.stringContaining('".." is not a GitHub owner name') });
    expect(parseRepositoryFullName("acme/widgets/extra")).toMatchObject({ ok: false, message: "Enter owner/name, e.g. acme/widgets" });
    expect(parseRepositoryFullName("widgets")).toMatchObject({ ok: false });
  });
});

describe("the client refuses traversal paths before sending anything", () => {
  const server = new FakeHttpServer();
  server.route("GET", "/user", () => ({ status: 200, body: { login: "the-servers-own-account" } }));
  beforeAll(async () => void (await server.start()));
  afterAll(() => server.stop());
  const client = () => createGitHubClient({ auth: { kind: "token", token: "test-token" }, baseUrl: server.url, timeScaleMs: 1 });

  it("never turns owner `..` into GET /user, whoever calls Octokit", async () => {
    const error = await client()
      .octokit.rest.repos.get({ owner: "..", repo: "user" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "SourceError", code: "invalid-name", retryable: false });
    expect(String(error)).toContain('".." is not a GitHub owner name');
    await expect(createGitHubSource({ client: client(), owner: "acme", repo: ".." }).resolveCommit("main")).rejects.toMatchObject({ code: "invalid-name" });
    expect(server.count()).toBe(0);
  });

  it("refuses a `.` or `..` segment from any other parameter, without retrying", async () => {
    const c = client();
    const error = await c.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner: "acme", repo: "widgets", path: ".." }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid-name" });
    expect(c.requestCount()).toBe(0);
    expect(server.count()).toBe(0);
  });
});
