import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { classifyPath, DEFAULT_CONFIG } from "@repo/console-content";
import { buildHostileTarball, FakeGitHub, TestRepo } from "@repo/testing/github";
import { afterEach, describe, expect, it } from "vitest";
import type { ArchiveEntryOutcome } from "../content/extract-tarball";
import { createGitHubClient } from "./client";
import { createGitHubSource } from "./github-source";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("a hostile tarball from GitHub", () => {
  it("skips every dangerous entry with its reason and writes only inside the working area", async () => {
    const repo = await TestRepo.create();
    cleanups.push(() => repo.remove());
    await repo.writeFile("README.md", "# hostile\n");
    const commit = await repo.commit();
    const fake = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "hostile" }], tokens: ["t"] });
    cleanups.push(() => fake.stop());
    const hostile = await buildHostileTarball();
    fake.overrideTarball(commit, hostile.tarGz);

    const sandbox = await mkdtemp(join(tmpdir(), "tributary-hostile-"));
    cleanups.push(() => rm(sandbox, { recursive: true, force: true }));
    const workDir = join(sandbox, "work");
    const client = createGitHubClient({ auth: { kind: "token", token: "t" }, baseUrl: fake.url, timeScaleMs: 1 });
    const source = createGitHubSource({ client, owner: "acme", repo: "hostile" });

    const outcomes: ArchiveEntryOutcome[] = [];
    for await (const outcome of source.readArchive(commit, { classify: (p) => classifyPath(p, DEFAULT_CONFIG), workDir })) outcomes.push(outcome);

    const reasonByKind: Record<string, string> = {
      keep: "ok",
      "path-traversal": "unsafe-path",
      "absolute-path": "unsafe-path",
      symlink: "symlink",
      "too-large": "too-large",
      binary: "binary",
      "lfs-pointer": "lfs-pointer",
      secret: "secret",
    };
    const got = outcomes.map((o) => (o.status === "ok" ? "ok" : o.reason));
    expect(got).toEqual(hostile.entries.map((e) => reasonByKind[e.kind]));
    expect((await readdir(sandbox, { recursive: true })).sort()).toEqual(["work", "work/README.md", "work/src", "work/src/ok.ts"]);
    await expect(readdir("/abs")).rejects.toThrow();
  });
});
