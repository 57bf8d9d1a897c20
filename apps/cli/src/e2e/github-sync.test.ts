import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../errors";
import { APP_PY, GUIDE_MD, longModule, PNG, RETRY_TS, searchJson, syncJson } from "./fixtures";
import { runJson, runTributary } from "./run-tributary";

const REPO_ID = 4242;
// More than 20 files to fetch, so a full sync reads one tarball rather than blob by blob.
const MODULES = 24;

describe("tributary on github:owner/repo against the fake GitHub (subprocess)", () => {
  let repo: TestRepo;
  let github: FakeGitHub;
  let dataDir: string;
  const env = () => ({ GITHUB_API_URL: github.url, GITHUB_TOKEN: "test-token" });
  const sync = () => syncJson("github:acme/widgets", { dataDir, env: env() });
  const search = (query: string) => searchJson(query, { dataDir, env: env() });
  const indexedDocuments = async () =>
    z
      .object({ sources: z.array(z.object({ documents: z.object({ indexed: z.number() }), syncedCommit: z.string().nullable() })) })
      .parse(await runJson(["status", "--data-dir", dataDir])).sources[0];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tributary-cli-gh-"));
    repo = await TestRepo.create();
    await repo.writeFiles({
      "src/retry.ts": RETRY_TS,
      "src/pipeline.ts": longModule("pipeline"),
      "app.py": APP_PY,
      "docs/guide.md": GUIDE_MD,
      "README.md": "# Widgets\n",
      "assets/logo.png": PNG,
      ".env": "API_TOKEN=not-for-the-index\n",
      ...Object.fromEntries(Array.from({ length: MODULES }, (_, i) => [`lib/m${i}.ts`, `export const widget${i} = (n: number) => n * ${i + 2};\n`])),
    });
    await repo.writeLargeFile("data/big.txt", 5 * 1024 * 1024);
    await repo.commit("initial");
    github = await FakeGitHub.start({ repos: [{ dir: repo.dir, owner: "acme", name: "widgets", id: REPO_ID }], tokens: ["test-token"] });
  });
  afterAll(async () => {
    await github?.stop();
    await repo?.remove();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("indexes the repository in 3 GitHub requests, with exact counts", async () => {
    github.resetCounters();
    const summary = await sync();
    expect(summary).toMatchObject({
      source: "acme/widgets",
      commit: await repo.head(),
      status: "succeeded",
      files: { seen: 8 + MODULES, indexed: 5 + MODULES, unchanged: 0, deleted: 0, failed: 0, skipped: { binary: 1, "too-large": 1, secret: 1 } },
      requests: { embedding: 0, github: 3 },
    });
    // The fake saw the sync's 3 plus the one lookup that connects the repository (id, default branch).
    expect(github.countApi()).toBe(summary.requests.github + 1);
    expect(github.countApi({ pathIncludes: "/repos/acme/widgets/tarball" })).toBe(1);
  }, 300_000);

  it("finds the defining file first, and follows an edit, a rename and a delete", async () => {
    expect((await search("retryWithBackoff"))[0]?.path).toBe("src/retry.ts");

    await repo.writeFile("src/pipeline.ts", longModule("pipeline").replace("pipeline stage 5.2", "pipeline stage 5.2 (edited)"));
    await repo.commit("one-line edit");
    const edit = await sync();
    expect(edit).toMatchObject({ status: "succeeded", files: { indexed: 1 } });
    expect(edit.chunks.embedded).toBeGreaterThanOrEqual(1);
    expect(edit.chunks.embedded).toBeLessThanOrEqual(2);

    await repo.mv("src/retry.ts", "lib/retry.ts");
    await repo.commit("rename");
    expect(await sync()).toMatchObject({ status: "succeeded", files: { indexed: 1, deleted: 1 }, chunks: { embedded: 0 } });

    await repo.rm("app.py");
    await repo.commit("delete");
    expect(await sync()).toMatchObject({ status: "succeeded", files: { deleted: 1 }, chunks: { embedded: 0 } });
    const paths = (await search("handle_request")).map((r) => r.path);
    expect(paths).not.toContain("app.py");
    expect((await search("retryWithBackoff"))[0]?.path).toBe("lib/retry.ts");
  }, 300_000);

  it("says so when GitHub rejects the token or cannot be reached, and keeps the index", async () => {
    const before = await indexedDocuments();
    const rejected = await runTributary(["sync", "https://github.com/acme/widgets", "--data-dir", dataDir], { env: { ...env(), GITHUB_TOKEN: "wrong-token" } });
    expect(rejected.code).toBe(EXIT.GITHUB);
    expect(rejected.stderr).toMatch(/rejected the token \(401/);
    expect(rejected.stderr).not.toContain("wrong-token");

    const unreachable = await runTributary(["sync", "github:acme/widgets", "--data-dir", dataDir], {
      env: { GITHUB_API_URL: "http://127.0.0.1:9", GITHUB_TOKEN: "test-token" },
    });
    expect(unreachable.code).toBe(EXIT.GITHUB);
    expect(unreachable.stderr).toMatch(/cannot reach GitHub at http:\/\/127\.0\.0\.1:9/);

    const unknown = await runTributary(["sync", "github:acme/nope", "--data-dir", dataDir], { env: env() });
    expect(unknown.code).toBe(EXIT.GITHUB);
    expect(unknown.stderr).toMatch(/acme\/nope not found/);
    expect(await indexedDocuments()).toEqual(before);
  }, 300_000);
});
