import { execFileSync } from "node:child_process";
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

  it("reads ahead of the caller in order: skips among reads, a missing blob fails at its turn, a caller may stop early", async () => {
    const repo = scratch();
    // Files over several read-ahead windows (by count and by bytes), skipped ones among them.
    for (let i = 0; i < 200; i += 1) {
      const name = `d/${String(i).padStart(3, "0")}`;
      if (i % 25 === 3) repo.write(`${name}.env`, "K=1\n");
      else repo.write(`${name}.txt`, `${i}:`.repeat(i % 10 === 0 ? 60_000 : 5));
    }
    const commit = repo.commit();
    const source = createLocalGitSource({ path: repo.dir });
    const { entries } = await source.snapshot(commit);
    const files = await all(source.readFiles(commit, entries));
    expect(files.map((f) => [f.path, f.status])).toEqual(entries.map((e) => [e.path, e.path.endsWith(".env") ? "skipped" : "ok"]));
    for (const [i, file] of files.entries()) if (file.status === "ok") expect(file.content.toString()).toBe(`${i}:`.repeat(i % 10 === 0 ? 60_000 : 5));

    const gone = { ...entries[150]!, path: "gone.txt", sha: "0123456789012345678901234567890123456789" };
    const reached: string[] = [];
    const reading = (async () => {
      for await (const file of source.readFiles(commit, [...entries.slice(0, 150), gone, ...entries.slice(150)])) reached.push(file.path);
    })();
    await expect(reading).rejects.toMatchObject({ code: "git-failed", message: expect.stringContaining("gone.txt") });
    expect(reached).toEqual(entries.slice(0, 150).map((e) => e.path));

    // Stopping after a few files leaves answers asked for and never awaited: no unhandled rejection, git is closed.
    const firstFew: string[] = [];
    for await (const file of source.readFiles(commit, entries)) if (firstFew.push(file.path) === 5) break;
    expect(firstFew).toEqual(entries.slice(0, 5).map((e) => e.path));
  });

  it("fails the read with git-failed when git's process is killed mid-read, without crashing the process", async () => {
    const repo = scratch();
    for (let i = 0; i < 400; i += 1) repo.write(`k/${String(i).padStart(3, "0")}.txt`, `${i}\n`.repeat(50));
    const commit = repo.commit();
    const source = createLocalGitSource({ path: repo.dir });
    const { entries } = await source.snapshot(commit);
    let read = 0;
    const reading = (async () => {
      for await (const _ of source.readFiles(commit, entries)) {
        // kill -9 of this read's own cat-file (its command line names the repository), then read on slowly.
        if (++read === 1) execFileSync("pkill", ["-9", "-f", `${repo.dir} cat-file`]);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    await expect(reading).rejects.toMatchObject({ code: "git-failed" });
    expect(read).toBeLessThan(entries.length);
  }, 30_000);

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
