import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FetchedFile } from "@repo/console-types";
import { afterEach, describe, expect, it } from "vitest";
import { gitBlobSha } from "../content/git-blob-sha";
import { ScratchRepo } from "../testing/scratch-repo";
import { createLocalGitSource } from "./local-git-source";

const repos: ScratchRepo[] = [];
function scratch(): ScratchRepo {
  const repo = new ScratchRepo();
  repos.push(repo);
  return repo;
}
afterEach(() => repos.splice(0).forEach((repo) => repo.dispose()));

async function all(files: AsyncIterable<FetchedFile>) {
  const out: FetchedFile[] = [];
  for await (const file of files) out.push(file);
  return out;
}

describe("local git source", () => {
  it("lists a commit's tree with blob shas, sizes and kinds", async () => {
    const repo = scratch();
    repo.write("src/a.ts", "export const a = 1;\n").write("README.md", "# hi\n").symlink("link", "README.md");
    const commit = repo.commit();
    const source = createLocalGitSource({ path: repo.dir });
    expect(await source.resolveCommit()).toBe(commit);
    const snapshot = await source.snapshot(commit);
    expect(snapshot.entries).toEqual([
      { path: "README.md", sha: gitBlobSha(Buffer.from("# hi\n")), size: 5, mode: "100644", type: "blob" },
      { path: "link", sha: gitBlobSha(Buffer.from("README.md")), size: 9, mode: "120000", type: "symlink" },
      { path: "src/a.ts", sha: gitBlobSha(Buffer.from("export const a = 1;\n")), size: 20, mode: "100644", type: "blob" },
    ]);
  });

  it("reads committed contents, not edits in the checkout, and skips with reasons", async () => {
    const repo = scratch();
    repo
      .write("a.ts", "committed\n")
      .write("big.txt", "x".repeat(2000))
      .write("img.bin", Buffer.from([0, 1, 2, 3]))
      .write(".env", "K=1\n")
      .symlink("l", "a.ts");
    const commit = repo.commit();
    repo.write("a.ts", "uncommitted edit\n");
    const source = createLocalGitSource({ path: repo.dir });
    const { entries } = await source.snapshot(commit);
    const files = await all(source.readFiles(commit, entries, { maxFileBytes: 1000 }));
    const outcome = Object.fromEntries(files.map((f) => [f.path, f.status === "ok" ? f.content.toString() : f.reason]));
    expect(outcome).toEqual({ "a.ts": "committed\n", "big.txt": "too-large", "img.bin": "binary", ".env": "secret", l: "symlink" });
    expect((await source.readFile(commit, "a.ts"))?.toString()).toBe("committed\n");
    expect(await source.readFile(commit, "missing.ts")).toBeNull();
  });

  it("reads many files through one cat-file process, in order", async () => {
    const repo = scratch();
    for (let i = 0; i < 300; i += 1) repo.write(`f/${String(i).padStart(3, "0")}.txt`, `file ${i}\n`.repeat((i % 7) + 1));
    const commit = repo.commit();
    const source = createLocalGitSource({ path: repo.dir });
    const files = await all(source.readFiles(commit, (await source.snapshot(commit)).entries));
    expect(files).toHaveLength(300);
    files.forEach((file, i) => expect(file).toMatchObject({ status: "ok", content: Buffer.from(`file ${i}\n`.repeat((i % 7) + 1)) }));
  });

  it("resolves branches and says clearly when a branch or repository does not exist", async () => {
    const repo = scratch();
    repo.write("a", "1\n");
    const first = repo.commit();
    repo.git("branch", "release");
    repo.write("a", "2\n");
    repo.commit();
    expect(await createLocalGitSource({ path: repo.dir, branch: "release" }).resolveCommit()).toBe(first);
    await expect(createLocalGitSource({ path: repo.dir }).resolveCommit("nope")).rejects.toMatchObject({
      code: "unknown-ref",
      retryable: false,
      message: expect.stringContaining('"nope"'),
    });
    const plain = mkdtempSync(join(tmpdir(), "tributary-plain-"));
    try {
      await expect(createLocalGitSource({ path: plain }).resolveCommit()).rejects.toMatchObject({ code: "not-a-git-repository", retryable: false });
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
