import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitHub } from "./fake-github";
import { TestRepo } from "./test-repo";

const TOKEN = "ghp_fake_static_token";
let repo: TestRepo;
let fake: FakeGitHub;
let octokit: Octokit;
let first: string;
let second: string;
const o = { owner: "acme", repo: "widgets" };

beforeAll(async () => {
  repo = await TestRepo.create();
  await repo.writeFiles({ "README.md": "# widgets\n", "src/a.ts": "export const a = 1;\n", "src/b.ts": "export const b = 2;\n", "old.txt": "old\n" });
  await repo.writeFile("bin/image.bin", Buffer.from([0, 1, 2, 255, 254]));
  await repo.symlink("link-to-readme", "README.md");
  await repo.addSubmodule("vendor/lib", "a".repeat(40));
  first = await repo.commit("first");
  await repo.writeFile("src/a.ts", "export const a = 10;\nexport const c = 3;\n");
  await repo.mv("old.txt", "renamed.txt");
  await repo.rm("src/b.ts");
  await repo.writeFile("docs/new.md", "new doc\n");
  second = await repo.commit("second");
  fake = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "widgets" }], tokens: [TOKEN] });
  octokit = new Octokit({ baseUrl: fake.url, auth: TOKEN });
});

afterAll(async () => {
  await fake.stop();
  await repo.remove();
});

describe("FakeGitHub repository endpoints (through @octokit/rest)", () => {
  it("describes the repository with a stable id and the checked-out default branch", async () => {
    const { data } = await octokit.rest.repos.get(o);
    expect(data).toMatchObject({ name: "widgets", full_name: "acme/widgets", default_branch: "main", private: true, owner: { login: "acme" } });
    expect(data.id).toBeGreaterThan(0);
    const again = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "widgets" }] });
    expect((await new Octokit({ baseUrl: again.url }).rest.repos.get(o)).data.id).toBe(data.id);
    await again.stop();
  });

  it("resolves a branch, a ref and a commit to the head sha", async () => {
    expect((await octokit.rest.repos.getBranch({ ...o, branch: "main" })).data.commit.sha).toBe(second);
    expect((await octokit.rest.git.getRef({ ...o, ref: "heads/main" })).data.object).toMatchObject({ sha: second, type: "commit" });
    const matching = await octokit.rest.git.listMatchingRefs({ ...o, ref: "heads/" });
    expect(matching.data.map((r) => r.ref)).toEqual(["refs/heads/main"]);
    const commit = await octokit.rest.repos.getCommit({ ...o, ref: "main" });
    expect(commit.data.sha).toBe(second);
    expect(commit.data.parents.map((p) => p.sha)).toEqual([first]);
    const sha = await octokit.rest.repos.getCommit({ ...o, ref: "main", mediaType: { format: "sha" } });
    expect(sha.data).toBe(second);
    const git = await octokit.rest.git.getCommit({ ...o, commit_sha: second });
    expect(git.data).toMatchObject({ sha: second, message: "second", parents: [{ sha: first }] });
    expect(git.data.tree.sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it("answers unknown branches and refs with 404", async () => {
    await expect(octokit.rest.repos.getBranch({ ...o, branch: "nope" })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.git.getRef({ ...o, ref: "heads/nope" })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "other" })).rejects.toMatchObject({ status: 404 });
  });

  it("lists the recursive tree with blob sizes, symlink and submodule entries", async () => {
    const { data } = await octokit.rest.git.getTree({ ...o, tree_sha: second, recursive: "1" });
    expect(data.truncated).toBe(false);
    const byPath = new Map(data.tree.map((e) => [e.path, e]));
    expect([...byPath.keys()].sort()).toEqual(
      [
        ".gitmodules",
        "README.md",
        "bin",
        "bin/image.bin",
        "docs",
        "docs/new.md",
        "link-to-readme",
        "renamed.txt",
        "src",
        "src/a.ts",
        "vendor",
        "vendor/lib",
      ].sort(),
    );
    expect(byPath.get("src")).toMatchObject({ type: "tree", mode: "040000" });
    expect(byPath.get("src")?.size).toBeUndefined();
    expect(byPath.get("bin/image.bin")).toMatchObject({ type: "blob", mode: "100644", size: 5 });
    expect(byPath.get("link-to-readme")).toMatchObject({ type: "blob", mode: "120000" });
    expect(byPath.get("vendor/lib")).toMatchObject({ type: "commit", mode: "160000", sha: "a".repeat(40) });
  });

  it("walks subtrees with non-recursive requests while recursive ones are forced truncated", async () => {
    fake.setTreeTruncation(2);
    try {
      const recursive = await octokit.rest.git.getTree({ ...o, tree_sha: second, recursive: "1" });
      expect(recursive.data).toMatchObject({ truncated: true });
      expect(recursive.data.tree).toHaveLength(2);
      const root = await octokit.rest.git.getTree({ ...o, tree_sha: second });
      expect(root.data.truncated).toBe(false);
      const src = root.data.tree.find((e) => e.path === "src");
      const sub = await octokit.rest.git.getTree({ ...o, tree_sha: src!.sha! });
      expect(sub.data.tree.map((e) => e.path)).toEqual(["a.ts"]);
    } finally {
      fake.setTreeTruncation(undefined);
    }
  });

  it("returns blobs as base64 JSON and as raw bytes with the raw media type", async () => {
    const { data: tree } = await octokit.rest.git.getTree({ ...o, tree_sha: second, recursive: "1" });
    const image = tree.tree.find((e) => e.path === "bin/image.bin")!;
    const blob = await octokit.rest.git.getBlob({ ...o, file_sha: image.sha! });
    expect(blob.data.encoding).toBe("base64");
    expect(Buffer.from(blob.data.content, "base64")).toEqual(Buffer.from([0, 1, 2, 255, 254]));
    const raw = await octokit.rest.git.getBlob({ ...o, file_sha: image.sha!, mediaType: { format: "raw" }, request: { parseSuccessResponseBody: false } });
    expect(raw.headers["content-type"]).toBe("application/vnd.github.v3.raw; charset=utf-8");
    const bytes = Buffer.from(await new Response(raw.data as unknown as ReadableStream).arrayBuffer());
    expect(bytes).toEqual(Buffer.from([0, 1, 2, 255, 254]));
  });

  it("serves contents: files, directories, symlinks, submodules and the raw media type", async () => {
    const file = await octokit.rest.repos.getContent({ ...o, path: "src/a.ts", ref: first });
    expect(file.data).toMatchObject({ type: "file", encoding: "base64", path: "src/a.ts", size: 20 });
    expect(Buffer.from((file.data as { content: string }).content, "base64").toString()).toBe("export const a = 1;\n");
    const dir = await octokit.rest.repos.getContent({ ...o, path: "" });
    expect((dir.data as Array<{ path: string; type: string }>).map((e) => [e.path, e.type])).toContainEqual(["vendor", "dir"]);
    const link = await octokit.rest.repos.getContent({ ...o, path: "link-to-readme" });
    expect(link.data).toMatchObject({ type: "symlink", target: "README.md" });
    const sub = await octokit.rest.repos.getContent({ ...o, path: "vendor/lib" });
    expect(sub.data).toMatchObject({ type: "submodule", sha: "a".repeat(40) });
    const raw = await octokit.rest.repos.getContent({ ...o, path: "docs/new.md", mediaType: { format: "raw" } });
    expect(raw.data).toBe("new doc\n");
    await expect(octokit.rest.repos.getContent({ ...o, path: "missing.md" })).rejects.toMatchObject({ status: 404 });
  });

  it("compares commits with added, modified, removed and renamed files", async () => {
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...o, basehead: `${first}...main` });
    expect(data).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(data.commits.map((c) => c.sha)).toEqual([second]);
    const files = Object.fromEntries((data.files ?? []).map((f) => [f.filename, f]));
    expect(Object.keys(files).sort()).toEqual(["docs/new.md", "renamed.txt", "src/a.ts", "src/b.ts"]);
    expect(files["docs/new.md"]).toMatchObject({ status: "added", additions: 1, deletions: 0 });
    expect(files["src/a.ts"]).toMatchObject({ status: "modified", additions: 2, deletions: 1 });
    expect(files["src/b.ts"]).toMatchObject({ status: "removed" });
    expect(files["renamed.txt"]).toMatchObject({ status: "renamed", previous_filename: "old.txt" });
  });

  it("follows a force-push: the branch moves to a rewritten history and compare reports divergence", async () => {
    await repo.resetHard(first);
    await repo.writeFile("src/a.ts", "export const a = 'rewritten';\n");
    const rewritten = await repo.commit("rewritten");
    expect((await octokit.rest.repos.getBranch({ ...o, branch: "main" })).data.commit.sha).toBe(rewritten);
    const { data } = await octokit.rest.repos.compareCommits({ ...o, base: second, head: rewritten });
    expect(data).toMatchObject({ status: "diverged", ahead_by: 1, behind_by: 1 });
    expect(data.merge_base_commit.sha).toBe(first);
    expect(data.files?.map((f) => [f.filename, f.status])).toEqual([["src/a.ts", "modified"]]);
    // The old head stays readable by sha, as on GitHub after a force-push.
    expect((await octokit.rest.git.getCommit({ ...o, commit_sha: second })).data.sha).toBe(second);
  });

  it("leaves contents above 1 MB empty (encoding none) unless the raw media type is asked for", async () => {
    await repo.writeLargeFile("big/large.txt", 1024 * 1024 + 1);
    await repo.commit("large");
    const json = await octokit.rest.repos.getContent({ ...o, path: "big/large.txt" });
    expect(json.data).toMatchObject({ type: "file", size: 1024 * 1024 + 1, content: "", encoding: "none" });
    const raw = await octokit.rest.repos.getContent({ ...o, path: "big/large.txt", mediaType: { format: "raw" } });
    expect(String(raw.data)).toHaveLength(1024 * 1024 + 1);
  });

  it("caps compare files at 300 and lists refs in both the old and the matching-refs form", async () => {
    const before = await repo.head();
    await repo.commitManyFiles(350, { checkout: false, under: "many" });
    await repo.setBranch("feature/x", before);
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...o, basehead: `${before}...main` });
    expect(data.files).toHaveLength(300);
    const refs = await octokit.request("GET /repos/{owner}/{repo}/git/refs/heads", o);
    expect((refs.data as Array<{ ref: string }>).map((r) => r.ref)).toEqual(["refs/heads/feature/x", "refs/heads/main"]);
    const feature = await octokit.rest.repos.getBranch({ ...o, branch: "feature/x" });
    expect(feature.data.commit.sha).toBe(before);
  });

  it("hosts several repositories side by side", async () => {
    const other = await TestRepo.create();
    try {
      await other.writeFile("x.md", "x\n");
      const sha = await other.commit("x");
      fake.addRepo({ dir: other.dir, owner: "acme", name: "gadgets", private: false });
      expect((await octokit.rest.repos.get({ owner: "acme", repo: "gadgets" })).data).toMatchObject({ private: false, default_branch: "main" });
      expect((await octokit.rest.repos.getBranch({ owner: "acme", repo: "gadgets", branch: "main" })).data.commit.sha).toBe(sha);
      expect((await octokit.rest.repos.listForAuthenticatedUser()).data.map((r) => r.full_name)).toEqual(["acme/widgets", "acme/gadgets"]);
    } finally {
      await other.remove();
    }
  });
});
