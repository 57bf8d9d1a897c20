import type { FetchedFile } from "@repo/console-types";
import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceError } from "../errors";
import { createGitHubClient, type GitHubClientOptions } from "./client";
import { createGitHubSource } from "./github-source";

const TIMEOUT_MS = 400;

describe("GitHub requests have a timeout and body limits", () => {
  let repo: TestRepo;
  let fake: FakeGitHub;
  let commit: string;
  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.commitManyFiles(30);
    fake = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "widgets" }], tokens: ["test-token"] });
    commit = await repo.head();
  });
  afterAll(async () => {
    await fake?.stop();
    await repo?.remove();
  });

  const sourceWith = (options: Partial<GitHubClientOptions> = {}) => {
    // Calls expected to succeed get a generous limit: the test machine may be heavily loaded.
    const client = createGitHubClient({
      auth: { kind: "token", token: "test-token" },
      baseUrl: fake.url,
      timeScaleMs: 1,
      retries: 0,
      timeoutMs: 10_000,
      ...options,
    });
    return createGitHubSource({ client, owner: "acme", repo: "widgets", branch: "main" });
  };
  async function failure(run: () => Promise<unknown>): Promise<{ error: SourceError; ms: number }> {
    const start = performance.now();
    const error = await run().then(
      () => new Error("expected a failure"),
      (e: unknown) => e,
    );
    if (!(error instanceof SourceError)) throw error;
    return { error, ms: performance.now() - start };
  }
  const drain = async (files: AsyncIterable<FetchedFile>) => {
    const out: FetchedFile[] = [];
    for await (const file of files) out.push(file);
    return out;
  };
  const entries = async () => (await sourceWith().snapshot(commit)).entries;

  it("fails a GitHub that never answers within the timeout, as a retryable error naming GitHub", async () => {
    fake.failNext({ status: 200, times: 1, stall: "headers", pathIncludes: "/git/ref" });
    const { error, ms } = await failure(() => sourceWith({ timeoutMs: TIMEOUT_MS }).resolveCommit("main"));
    expect(error).toMatchObject({ code: "timeout", retryable: true, message: expect.stringContaining(`GitHub sent nothing for ${TIMEOUT_MS} ms`) });
    expect(error.message).toContain("resolving branch main of acme/widgets");
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(TIMEOUT_MS + 10_000);
  });

  it("retries a hung request like any network failure, each attempt bounded by the timeout", async () => {
    fake.resetCounters();
    fake.failNext({ status: 200, times: 3, stall: "headers", pathIncludes: "/git/ref" });
    const { error, ms } = await failure(() => sourceWith({ retries: 2, timeoutMs: TIMEOUT_MS }).resolveCommit("main"));
    expect(error).toMatchObject({ code: "timeout", retryable: true });
    expect(fake.count()).toBe(3);
    expect(ms).toBeLessThan(3 * TIMEOUT_MS + 10_000);
    fake.resetCounters();
    fake.failNext({ status: 200, times: 1, stall: "headers", pathIncludes: "/git/ref" });
    expect(await sourceWith({ retries: 2, timeoutMs: 2_000 }).resolveCommit("main")).toBe(commit);
  });

  it("fails a blob download that stalls mid-body", async () => {
    const wanted = (await entries()).slice(0, 3);
    fake.failNext({ status: 200, times: 1, stall: "body", pathIncludes: "/git/blobs/" });
    const { error } = await failure(() => drain(sourceWith({ timeoutMs: TIMEOUT_MS }).readFiles(commit, wanted, { via: "blobs" })));
    expect(error).toMatchObject({ code: "timeout", message: expect.stringContaining("reading its response body") });
  });

  it("fails a tarball download that stalls mid-stream", async () => {
    const all = await entries();
    fake.failNext({ status: 200, times: 1, stall: "body", pathIncludes: "/_codeload" });
    const { error } = await failure(() => drain(sourceWith({ timeoutMs: TIMEOUT_MS }).readFiles(commit, all, { via: "tarball" })));
    expect(error).toMatchObject({ code: "timeout", retryable: true, message: expect.stringContaining("while reading the tarball") });
  });

  it.each([true, false])("refuses an oversized blob at once, without retrying (content-length declared: %s)", async (declareLength) => {
    const wanted = (await entries()).slice(0, 1);
    fake.resetCounters();
    fake.failNext({ status: 200, times: 1, oversizeBytes: 300_000, declareLength, pathIncludes: "/git/blobs/" });
    const { error } = await failure(() => drain(sourceWith({ retries: 3, maxResponseBytes: 100_000 }).readFiles(commit, wanted, { via: "blobs" })));
    expect(error).toMatchObject({ code: "response-too-large", retryable: false, message: expect.stringContaining("more than 100000 bytes") });
    expect(fake.count()).toBe(1);
  });

  it("refuses a tarball over the archive limit while streaming it", async () => {
    const all = await entries();
    fake.failNext({ status: 200, times: 1, oversizeBytes: 500_000, pathIncludes: "/_codeload" });
    const { error } = await failure(() => drain(sourceWith({ maxArchiveBytes: 200_000 }).readFiles(commit, all, { via: "tarball" })));
    expect(error).toMatchObject({ code: "response-too-large", retryable: false });
  });

  it("reads the same tarball and blobs when they are within the limits", async () => {
    const all = await entries();
    const files = await drain(sourceWith({ maxArchiveBytes: 200_000, maxResponseBytes: 100_000 }).readFiles(commit, all, { via: "tarball" }));
    expect(files.filter((f) => f.status === "ok")).toHaveLength(all.length);
  });
});
