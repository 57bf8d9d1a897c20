import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { looksLikeUnchangedResync } from "./resync-hint";
import { recordSyncedHead } from "./synced-heads";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-C", cwd, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { encoding: "utf8" }).trim();

describe("looksLikeUnchangedResync: a re-sync whose head is the last synced one, read from files", () => {
  let dir: string;
  let repo: string;
  let dataDir: string;
  let head: string;
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), "tributary-resync-hint-")));
    repo = join(dir, "repo");
    dataDir = join(dir, "data");
    mkdirSync(join(repo, "src"), { recursive: true });
    mkdirSync(dataDir);
    git(dir, "init", "-q", "-b", "main", repo);
    writeFileSync(join(repo, "src/a.ts"), "export const a = 1;\n");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "one");
    head = git(repo, "rev-parse", "HEAD");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("holds when the note names the branch head (loose or packed ref, from a subfolder or another cwd)", () => {
    recordSyncedHead(dataDir, repo, "main", head);
    expect(looksLikeUnchangedResync([repo, "--data-dir", dataDir], {}, dir)).toBe(true);
    expect(looksLikeUnchangedResync(["repo/src", "--json", `--data-dir=${dataDir}`], {}, dir)).toBe(true);
    expect(looksLikeUnchangedResync(["."], { TRIBUTARY_DATA_DIR: dataDir }, repo)).toBe(true);
    expect(looksLikeUnchangedResync([repo, "--branch", "main", "--data-dir", dataDir], {}, dir)).toBe(true);
    git(repo, "pack-refs", "--all");
    expect(looksLikeUnchangedResync([repo, "--data-dir", dataDir], {}, dir)).toBe(true);
  });

  it("does not hold when the head moved, the note is missing or for another branch, or the command is not a plain local re-sync", () => {
    expect(looksLikeUnchangedResync([repo, "--data-dir", dataDir], {}, dir)).toBe(false);
    recordSyncedHead(dataDir, repo, "other", head);
    expect(looksLikeUnchangedResync([repo, "--data-dir", dataDir], {}, dir)).toBe(false);
    recordSyncedHead(dataDir, repo, "main", head);
    for (const argv of [
      [repo, "--watch", "--data-dir", dataDir],
      [repo, "--help", "--data-dir", dataDir],
      [repo, "--database-url", "postgres://127.0.0.1/db", "--data-dir", dataDir],
      ["github:owner/repo", "--data-dir", dataDir],
      [repo, "extra", "--data-dir", dataDir],
      [repo, "--branch", "elsewhere", "--data-dir", dataDir],
      [join(dir, "missing"), "--data-dir", dataDir],
    ])
      expect(looksLikeUnchangedResync(argv, {}, dir), argv.join(" ")).toBe(false);
    expect(looksLikeUnchangedResync([repo, "--data-dir", dataDir], { DATABASE_URL: "postgres://127.0.0.1/db" }, dir)).toBe(false);
    // The full sync that a declined check started in a fresh process.
    expect(looksLikeUnchangedResync([repo, "--data-dir", dataDir], { TRIBUTARY_FULL_SYNC: "1" }, dir)).toBe(false);
    writeFileSync(join(repo, "src/a.ts"), "export const a = 2;\n");
    git(repo, "commit", "-q", "-am", "two");
    expect(looksLikeUnchangedResync([repo, "--data-dir", dataDir], {}, dir)).toBe(false);
    git(repo, "checkout", "-q", "--detach");
    expect(looksLikeUnchangedResync([repo, "--data-dir", dataDir], {}, dir)).toBe(false);
  });
});
