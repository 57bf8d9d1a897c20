import { mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../errors";
import { sourceSpecFor } from "./connect-target";
import { parseTarget } from "./parse-target";

// The console resolves its Connect form through the same resolveConnectTarget
// (apps/console/src/server/resolve-source.test.ts checks the same three spellings there).
describe("tributary sync <local target>", () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), "tributary-cli-target-"));
    const repo = await TestRepo.create({ dir: join(parent, "repo") });
    await repo.writeFiles({ "a.md": "# a\n" });
    await repo.commit("init");
    await symlink(join(parent, "repo"), join(parent, "link"));
  });
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it("makes ./repo, a symlink to it and its realpath one source", async () => {
    const real = await realpath(join(parent, "repo"));
    const specs = await Promise.all(["./repo", "link", real].map(async (raw) => (await sourceSpecFor(gitTarget(raw), parent, undefined)).spec));
    for (const spec of specs) expect(spec).toMatchObject({ provider: "local", externalId: real, location: real, branch: "main" });
  });

  it("exits with EXIT.SOURCE for a directory that is not a repository", async () => {
    await expect(sourceSpecFor(gitTarget("/"), parent, undefined)).rejects.toMatchObject({
      exitCode: EXIT.SOURCE,
      message: expect.stringContaining("is not a git repository"),
    });
  });
});

function gitTarget(raw: string) {
  const target = parseTarget(raw);
  if (target.kind === "item") throw new Error(`${raw} parsed as an item source`);
  return target;
}
