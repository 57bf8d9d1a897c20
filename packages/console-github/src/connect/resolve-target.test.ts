import { mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitHubClient } from "../github/client";
import { resolveConnectTarget, resolveLocalTarget } from "./resolve-target";

describe("resolveConnectTarget", () => {
  let parent: string;
  let repo: TestRepo;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), "tributary-connect-"));
    repo = await TestRepo.create({ dir: join(parent, "repo") });
    await repo.writeFiles({ "README.md": "# r\n", "src/a.ts": "export {};\n" });
    await repo.commit("init");
    await symlink(join(parent, "repo"), join(parent, "link"));
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it("resolves ./repo, a subdirectory, a symlink to it and its realpath to one source", async () => {
    const real = await realpath(join(parent, "repo"));
    const targets = [
      { path: "./repo", cwd: parent },
      { path: "repo/src", cwd: parent },
      { path: "link", cwd: parent },
      { path: join(parent, "link"), cwd: "/" },
      { path: real, cwd: "/" },
    ];
    const resolved = await Promise.all(targets.map((t) => resolveConnectTarget({ kind: "local", ...t })));
    for (const source of resolved) {
      expect(source).toEqual({
        provider: "local",
        externalId: real,
        fullName: "repo",
        owner: null,
        name: "repo",
        location: real,
        branch: "main",
        installationId: null,
      });
    }
  });

  it("gives a local target's branch head with resolveLocalTarget, and keeps it out of the stored target", async () => {
    const first = await repo.head();
    expect(await resolveLocalTarget("repo", parent, undefined)).toMatchObject({ branch: "main", head: first });
    await repo.writeFiles({ "src/b.ts": "export const b = 1;\n" });
    const second = await repo.commit("second");
    expect(second).not.toBe(first);
    expect((await resolveLocalTarget("repo/src", parent, "main")).head).toBe(second);
    expect(await resolveConnectTarget({ kind: "local", path: "repo", cwd: parent })).not.toHaveProperty("head");
  });

  it("names what is wrong with a local target by code", async () => {
    await expect(resolveConnectTarget({ kind: "local", path: "missing", cwd: parent })).rejects.toMatchObject({ code: "no-such-directory", retryable: false });
    await expect(resolveConnectTarget({ kind: "local", path: "/", cwd: parent })).rejects.toMatchObject({ code: "not-a-git-repository" });
    await expect(resolveConnectTarget({ kind: "local", path: "repo", cwd: parent, branch: "nope" })).rejects.toMatchObject({
      code: "unknown-ref",
      message: expect.stringContaining('unknown branch "nope"'),
    });
  });

  it("identifies a GitHub repository by its id, and classifies a missing one as not-found", async () => {
    const github = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "widgets", id: 4321 }], tokens: ["t"] });
    try {
      const client = createGitHubClient({ auth: { kind: "token", token: "t" }, baseUrl: github.url, retries: 0 });
      expect(await resolveConnectTarget({ kind: "github", fullName: "acme/widgets", client })).toMatchObject({
        provider: "github",
        externalId: "4321",
        fullName: "acme/widgets",
        branch: "main",
        installationId: null,
      });
      await expect(resolveConnectTarget({ kind: "github", fullName: "acme/nope", client })).rejects.toMatchObject({ code: "not-found", retryable: false });
      await expect(resolveConnectTarget({ kind: "github", fullName: "../x", client })).rejects.toMatchObject({ code: "invalid-name" });
    } finally {
      await github.stop();
    }
  });
});
