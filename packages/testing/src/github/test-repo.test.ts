import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { afterEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./fake-github";
import { TestRepo } from "./test-repo";

let repo: TestRepo | undefined;
afterEach(async () => {
  await repo?.remove();
  repo = undefined;
});

describe("TestRepo", () => {
  it("commits generated files with checkout so later commits build on them", async () => {
    repo = await TestRepo.create();
    await repo.writeFile("README.md", "# big\n");
    const base = await repo.commit("readme");
    const big = await repo.commitManyFiles(400);
    expect(await repo.git(["rev-parse", `${big}^`])).toBe(`${base}\n`);
    expect(await readFile(join(repo.dir, "generated/d3/file-399.ts"), "utf8")).toBe("export const value399 = 399;\n");
    await repo.rm("generated/d0/file-0.ts");
    const next = await repo.commit("remove one");
    expect((await repo.git(["ls-tree", "-r", "--name-only", next])).trim().split("\n")).toHaveLength(400);
  });

  it("commits 5,000 files without checkout quickly; rm, mv and later commits keep the rest", async () => {
    repo = await TestRepo.create();
    const started = performance.now();
    await repo.commitManyFiles(5000, { checkout: false });
    const elapsedMs = performance.now() - started;
    // Printed for the report; the bound is loose on purpose (shared, loaded 2-core machine).
    console.info(`commitManyFiles(5000, { checkout: false }): ${elapsedMs.toFixed(0)} ms`);
    expect(elapsedMs).toBeLessThan(15_000);
    await repo.rm("generated/d0/file-0.ts");
    await repo.mv("generated/d0/file-1.ts", "moved/file-1.ts");
    await repo.writeFile("extra.md", "extra\n");
    const next = await repo.commit("edit around generated files");
    const files = (await repo.git(["ls-tree", "-r", "--name-only", next])).trim().split("\n");
    expect(files).toHaveLength(5000);
    expect(files).toContain("moved/file-1.ts");
    expect(files).toContain("extra.md");
    expect(files).not.toContain("generated/d0/file-0.ts");
    expect(await repo.git(["show", `${next}:moved/file-1.ts`])).toBe("export const value1 = 1;\n");

    const fake = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "big" }] });
    try {
      const { data } = await new Octokit({ baseUrl: fake.url }).rest.git.getTree({ owner: "acme", repo: "big", tree_sha: next, recursive: "1" });
      expect(data.tree.filter((e) => e.type === "blob")).toHaveLength(5000);
      expect(data.truncated).toBe(false);
    } finally {
      await fake.stop();
    }
  });

  it("writes binaries, LFS pointers, large files and rewrites history like a force-push", async () => {
    repo = await TestRepo.create({ branch: "trunk" });
    await repo.writeFile("bin/data.bin", Buffer.from([0, 159, 146, 150]));
    const pointer = await repo.writeLfsPointer("models/weights.bin", { size: 123456 });
    await repo.writeLargeFile("big.txt", 2 * 1024 * 1024 + 3);
    const first = await repo.commit("first");
    expect(pointer).toMatch(/^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:[0-9a-f]{64}\nsize 123456\n$/);
    expect(await repo.git(["cat-file", "-s", `${first}:big.txt`])).toBe(`${2 * 1024 * 1024 + 3}\n`);
    expect(await repo.git(["cat-file", "-p", `${first}:bin/data.bin`])).toBe(Buffer.from([0, 159, 146, 150]).toString());

    await repo.writeFile("a.txt", "a\n");
    const dropped = await repo.commit("to be dropped");
    await repo.resetHard(first);
    await repo.writeFile("b.txt", "b\n");
    const rewritten = await repo.commit("rewritten");
    expect(await repo.head()).toBe(rewritten);
    expect(await repo.git(["merge-base", "--is-ancestor", dropped, "trunk"]).catch(() => "not ancestor")).toBe("not ancestor");
    await repo.setBranch("feature", dropped);
    expect(await repo.git(["rev-parse", "feature"])).toBe(`${dropped}\n`);
  });
});
