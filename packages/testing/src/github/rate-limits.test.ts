import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./fake-github";
import { TestRepo } from "./test-repo";

const ThrottledOctokit = Octokit.plugin(throttling);
let repo: TestRepo;
let fake: FakeGitHub;
const o = { owner: "acme", repo: "limits" };

beforeAll(async () => {
  repo = await TestRepo.create();
  await repo.writeFile("a.md", "a\n");
  await repo.commit("a");
  fake = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "limits" }] });
});

beforeEach(() => {
  fake.setRateLimit({ limit: 5000 });
  fake.resetCounters();
});

afterAll(async () => {
  await fake.stop();
  await repo.remove();
});

function throttled(events: { secondary: number[]; primary: number[] }, retries = 1) {
  return new ThrottledOctokit({
    baseUrl: fake.url,
    throttle: {
      // Octokit waits retryAfter × this many ms; 1 keeps the test fast without changing decisions.
      retryAfterBaseValue: 1,
      onSecondaryRateLimit: (retryAfter, _options, _octokit, retryCount) => (events.secondary.push(retryAfter), retryCount < retries),
      onRateLimit: (retryAfter, _options, _octokit, retryCount) => (events.primary.push(retryAfter), retryCount < retries),
    },
  });
}

describe("FakeGitHub rate limits and faults", () => {
  it("sends x-ratelimit-* on every response, errors included, and spends one request per API call", async () => {
    const octokit = new Octokit({ baseUrl: fake.url });
    const first = await octokit.rest.repos.get(o);
    const second = await octokit.rest.git.getRef({ ...o, ref: "heads/main" });
    expect(first.headers["x-ratelimit-limit"]).toBe("5000");
    expect(first.headers["x-ratelimit-resource"]).toBe("core");
    expect(Number(first.headers["x-ratelimit-remaining"]) - Number(second.headers["x-ratelimit-remaining"])).toBe(1);
    expect(Number(second.headers["x-ratelimit-used"])).toBe(2);
    expect(Number(first.headers["x-ratelimit-reset"]) * 1000).toBeGreaterThan(Date.now());
    const missing = await octokit.rest.repos.getBranch({ ...o, branch: "nope" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(missing).toMatchObject({ status: 404, response: { headers: { "x-ratelimit-remaining": "4997" } } });
    const rate = await octokit.rest.rateLimit.get();
    expect(rate.data.rate.remaining).toBe(4997);
  });

  it("answers an exhausted budget with 403 and remaining 0, which plugin-throttling treats as a rate limit", async () => {
    fake.setRateLimit({ limit: 2, windowMs: 60_000 });
    const events = { secondary: [] as number[], primary: [] as number[] };
    const octokit = throttled(events, 0);
    await octokit.rest.repos.get(o);
    await octokit.rest.repos.get(o);
    const error = await octokit.rest.repos.get(o).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 403, response: { headers: { "x-ratelimit-remaining": "0" } } });
    expect(events.primary).toHaveLength(1);
    expect(events.primary[0]).toBeGreaterThan(50);
  });

  it.each([403, 429] as const)("sends a %d secondary limit with retry-after that octokit waits out and retries", async (status) => {
    const events = { secondary: [] as number[], primary: [] as number[] };
    fake.secondaryLimitNext({ status, retryAfterSeconds: 7, pathIncludes: "/branches/" });
    const { data } = await throttled(events).rest.repos.getBranch({ ...o, branch: "main" });
    expect(data.name).toBe("main");
    expect(events.secondary).toEqual([7]);
    expect(fake.count({ pathIncludes: "/branches/" })).toBe(2);
    expect(fake.count({ status })).toBe(1);
  });

  it("injects faults with GitHub's error body and counts requests per endpoint", async () => {
    const octokit = new Octokit({ baseUrl: fake.url });
    fake.failNext({ status: 502, times: 1, pathIncludes: "/git/trees", message: "Server Error" });
    await expect(octokit.rest.git.getTree({ ...o, tree_sha: "main", recursive: "1" })).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining("Server Error"),
    });
    await octokit.rest.git.getTree({ ...o, tree_sha: "main", recursive: "1" });
    expect(fake.count({ pathIncludes: "/git/trees" })).toBe(2);
    expect(fake.count({ pathIncludes: "/git/trees", status: 200 })).toBe(1);
    fake.resetCounters();
    expect(fake.count()).toBe(0);
  });
});
