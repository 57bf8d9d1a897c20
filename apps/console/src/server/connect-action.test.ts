import { FakeHttpServer } from "@repo/testing/http";
import { TestRepo } from "@repo/testing/github";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

/** Where a server action's `redirect()` was sending the browser (Next throws it as an error). */
async function redirectOf(action: Promise<void>): Promise<URL> {
  const error: unknown = await action.then(
    () => new Error("the action returned without redirecting"),
    (e: unknown) => e,
  );
  const digest = typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : "";
  const match = /^NEXT_REDIRECT;\w+;([^;]+);/.exec(digest);
  if (!match) throw error;
  return new URL(match[1]!, "http://console.test");
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

/** The action module as the console would load it with this environment (`~/env` is read on import). */
async function actionsWith(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  return import("./actions");
}

describe("connectRepository checks on the server what the page only hides", () => {
  let repo: TestRepo;
  const github = new FakeHttpServer();
  github.route("GET", "/user", () => ({ status: 200, body: { login: "the-servers-own-account" } }));
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.writeFiles({ "README.md": "# local\n" });
    await repo.commit("init");
    await github.start();
  });
  afterAll(async () => {
    await github.stop();
    await repo?.remove();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("rejects a local-path connect when the console is not embedded (DATABASE_URL set), before touching the path or the database", async () => {
    const { connectRepository } = await actionsWith({ DATABASE_URL: "postgres://127.0.0.1:1/never-opened" });
    const to = await redirectOf(connectRepository(form({ kind: "local", path: repo.dir })));
    expect(to.pathname).toBe("/connect");
    expect(to.searchParams.get("field")).toBe("kind");
    expect(to.searchParams.get("error")).toMatch(/^Local paths can be connected only when the console runs embedded/);
    expect((globalThis as { tributaryRuntime?: unknown }).tributaryRuntime).toBeUndefined();
  });

  it("lets a local-path connect through in embedded mode (it then fails on the path, not on the mode)", async () => {
    const { connectRepository } = await actionsWith({ DATABASE_URL: undefined });
    const to = await redirectOf(connectRepository(form({ kind: "local", path: "/nonexistent/tributary-dir" })));
    expect(to.searchParams.get("field")).toBe("path");
    expect(to.searchParams.get("error")).toContain("is not a git repository");
  });

  it.each([
    ["../user", '".." is not a GitHub owner name'],
    ["acme/..", '".." is not a GitHub repository name'],
    ["-acme/widgets", "is not a GitHub owner name"],
    ["acme", "Enter owner/name, e.g. acme/widgets"],
  ])("refuses the repository %s with a clear message and sends nothing to GitHub", async (repository, message) => {
    const { connectRepository } = await actionsWith({ GITHUB_TOKEN: "test-token", GITHUB_API_URL: github.url });
    const to = await redirectOf(connectRepository(form({ kind: "github", repository })));
    expect(to.searchParams.get("field")).toBe("repository");
    expect(to.searchParams.get("error")).toContain(message);
    expect(github.count()).toBe(0);
  });

  it("refuses a forged installation option the same way", async () => {
    const { connectRepository } = await actionsWith({});
    const to = await redirectOf(connectRepository(form({ kind: "github-app", installationRepository: "55:../user" })));
    expect(to.searchParams.get("field")).toBe("installationRepository");
    expect(to.searchParams.get("error")).toContain('".." is not a GitHub owner name');
  });
});
