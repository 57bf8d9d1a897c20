import { loadTributaryConfig } from "@repo/console-content";
import type { FetchedFile } from "@repo/console-types";
import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { afterEach, describe, expect, it } from "vitest";
import { createLocalGitSource } from "../local/local-git-source";
import { createGitHubClient } from "./client";
import { createGitHubSource } from "./github-source";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hosted(setup: (repo: TestRepo) => Promise<void>) {
  const repo = await TestRepo.create();
  cleanups.push(() => repo.remove());
  await setup(repo);
  const fake = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "widgets" }], tokens: ["test-token"] });
  cleanups.push(() => fake.stop());
  const client = createGitHubClient({ auth: { kind: "token", token: "test-token" }, baseUrl: fake.url, timeScaleMs: 1 });
  const source = createGitHubSource({ client, owner: "acme", repo: "widgets", branch: "main" });
  return { repo, fake, client, source };
}

async function drain(files: AsyncIterable<FetchedFile>): Promise<FetchedFile[]> {
  const out: FetchedFile[] = [];
  for await (const file of files) out.push(file);
  return out;
}

describe("GitHub source: whole repositories in a few requests", () => {
  it.each([50, 5000])("a full snapshot of %i files costs 3 API requests", async (count) => {
    const { fake, source } = await hosted(async (repo) => {
      await repo.commitManyFiles(count);
    });
    fake.resetCounters();
    const commit = await source.resolveCommit();
    const { entries } = await source.snapshot(commit);
    const files = await drain(source.readFiles(commit, entries));
    expect(entries).toHaveLength(count);
    expect(files.filter((f) => f.status === "ok")).toHaveLength(count);
    const sample = files.find((f) => f.path === "generated/d0/file-7.ts");
    expect(sample?.status === "ok" && sample.content.toString()).toBe("export const value7 = 7;\n");
    expect(fake.countApi()).toBe(3);
    // The tarball's API request answers 302 to a codeload download: one more HTTP request, not rate-limited.
    expect(fake.count()).toBe(4);
  });

  it("a large diff is fetched through the tarball in 3 API requests", async () => {
    const { repo, fake, source } = await hosted(async (r) => {
      await r.commitManyFiles(50);
    });
    for (let i = 0; i < 30; i += 1) await repo.writeFile(`generated/d0/file-${i}.ts`, `export const changed${i} = true;\n`);
    await repo.commit("change 30 files");
    fake.resetCounters();
    const commit = await source.resolveCommit();
    const { entries } = await source.snapshot(commit);
    const changed = entries.filter((e) => /file-([0-9]|[12][0-9])\.ts$/.test(e.path));
    const files = await drain(source.readFiles(commit, changed));
    expect(files.map((f) => (f.status === "ok" ? f.content.toString() : f.reason)).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `export const changed${i} = true;\n`).sort(),
    );
    expect(fake.countApi()).toBe(3);
  });

  it("a forced-truncated tree still yields the complete file list", async () => {
    const { repo, fake, source } = await hosted(async (r) => {
      await r.commitManyFiles(450);
      await r.writeFiles({ "README.md": "# top\n", "docs/a/b/c.md": "deep\n" });
      await r.commit("more");
    });
    fake.setTreeTruncation(10);
    const commit = await source.resolveCommit();
    const fromGitHub = await source.snapshot(commit);
    const fromGit = await createLocalGitSource({ path: repo.dir }).snapshot(commit);
    expect(fromGitHub.entries).toHaveLength(452);
    expect(fromGitHub.entries).toEqual(fromGit.entries);
  });

  it("reads a file the tarball leaves out (export-ignore) by blob instead", async () => {
    const { fake, source } = await hosted(async (r) => {
      await r.commitManyFiles(30);
      await r.writeFiles({ ".gitattributes": "hidden.md export-ignore\n", "hidden.md": "not in archives\n" });
      await r.commit("export-ignore");
    });
    const commit = await source.resolveCommit();
    const { entries } = await source.snapshot(commit);
    fake.resetCounters();
    const files = await drain(source.readFiles(commit, entries));
    expect(files.find((f) => f.path === "hidden.md")).toMatchObject({ status: "ok", content: Buffer.from("not in archives\n") });
    expect(files).toHaveLength(32);
    expect(fake.countApi()).toBe(2);
  });

  it("skips from the tree before downloading, and keeps binary bytes exact", async () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]);
    const { source } = await hosted(async (r) => {
      await r.writeFiles({ "a.ts": "ok\n", ".env": "SECRET=1\n", "notes.txt": latin1 });
      await r.writeLargeFile("big.txt", 3000);
      await r.writeLfsPointer("model.bin.txt");
      await r.symlink("link", "a.ts");
      await r.commit();
    });
    const commit = await source.resolveCommit();
    const { entries } = await source.snapshot(commit);
    const outcomes = Object.fromEntries(
      (await drain(source.readFiles(commit, entries, { via: "blobs", maxFileBytes: 2000 }))).map((f) => [f.path, f.status === "ok" ? "ok" : f.reason]),
    );
    expect(outcomes).toEqual({
      "a.ts": "ok",
      ".env": "secret",
      "notes.txt": "invalid-utf8",
      "big.txt": "too-large",
      "model.bin.txt": "lfs-pointer",
      link: "symlink",
    });
  });

  it("reads tributary.yml at the commit, follows the default branch, and reports a missing branch clearly", async () => {
    const { source, client } = await hosted(async (r) => {
      await r.writeFiles({ "tributary.yml": "version: 1\nexclude: ['docs/**']\n", "src/a.ts": "a\n" });
      await r.commit();
    });
    const commit = await source.resolveCommit();
    const { entries } = await source.snapshot(commit);
    expect(await loadTributaryConfig(source, commit, entries)).toMatchObject({ ok: true, config: { exclude: ["docs/**"] } });
    expect(await source.readFile(commit, "nope.md")).toBeNull();
    await expect(source.resolveCommit("no-such-branch")).rejects.toMatchObject({ code: "unknown-ref", retryable: false });
    const onDefaultBranch = createGitHubSource({ client, owner: "acme", repo: "widgets" });
    expect(await onDefaultBranch.resolveCommit()).toBe(commit);
  });
});
