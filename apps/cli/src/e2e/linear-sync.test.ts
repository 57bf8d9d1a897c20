import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeLinear } from "@repo/testing/linear";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../errors";
import { searchJson, syncJson } from "./fixtures";
import { runTributary } from "./run-tributary";

const KEY = "lin_api_cli";

describe("tributary sync linear:ENG against the fake Linear (subprocess)", () => {
  const linear = new FakeLinear({ tokens: [KEY] });
  let dataDir: string;
  const env = () => ({ LINEAR_API_URL: linear.apiUrl, LINEAR_API_KEY: KEY });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tributary-cli-linear-"));
    await linear.start();
    linear.workspace.advance(-48 * 3_600_000);
    linear.workspace.seed({ teamKey: "ENG", issues: 40, comments: 2, documents: 2, spacingMs: 60_000 });
    linear.workspace.addIssue([...linear.workspace.teams.values()].find((t) => t.key === "ENG")!.id, {
      title: "Flaky checkout retries",
      description: "The payment webhook retries thrice with exponential backoff.",
    });
  });
  afterAll(async () => {
    await linear.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("indexes the team, then reads only what changed; its issues are searchable", async () => {
    const first = await syncJson("linear:ENG", { dataDir, env: env() });
    expect(first).toMatchObject({ source: "linear:ENG", status: "succeeded", files: { indexed: 43, failed: 0 } });
    expect(first.requests.source).toBeGreaterThan(0);
    expect(first.requests.github).toBe(0);

    linear.workspace.advance(24 * 3_600_000);
    const issue = [...linear.workspace.issues.values()][3]!;
    linear.workspace.editIssue(issue.id, { title: "Edited from the CLI test" });
    const second = await syncJson("linear:ENG", { dataDir, env: env() });
    // Only the edit and the items inside the connector's overlap window were listed again.
    expect(second).toMatchObject({ status: "succeeded", files: { indexed: 1, failed: 0, deleted: 0 } });
    expect(second.files.unchanged).toBeLessThan(20);

    const results = await searchJson("payment webhook retries backoff", { dataDir, env: env() });
    expect(results[0]).toMatchObject({ source: "linear:ENG" });
    expect(results[0]!.path).toMatch(/^issues\/ENG-\d+\.md$/);
  }, 240_000);

  it("says which variable is missing, and rejects a malformed target, before touching the index", async () => {
    const missing = await runTributary(["sync", "linear:ENG", "--data-dir", dataDir], { env: { LINEAR_API_URL: linear.apiUrl } });
    expect(missing.code).toBe(EXIT.ENVIRONMENT);
    expect(missing.stderr).toContain("LINEAR_API_KEY");
    const malformed = await runTributary(["sync", "linear:not a team", "--data-dir", dataDir], { env: env() });
    expect(malformed.code).toBe(EXIT.USAGE);
    expect(malformed.stderr).toContain("linear:<team-key>");
  }, 120_000);

  it("a revoked key fails the sync with Linear's reason and keeps the index", async () => {
    linear.revokeToken(KEY);
    const result = await runTributary(["sync", "linear:ENG", "--data-dir", dataDir, "--json"], { env: env() });
    expect(result.code).toBe(EXIT.SYNC_FAILED);
    expect(result.stderr).toMatch(/Linear/);
    expect(result.stderr).toContain("the previous index is unchanged");
    expect(result.stderr).not.toContain(KEY);
    const results = await searchJson("payment webhook retries backoff", { dataDir, env: env() });
    expect(results[0]).toMatchObject({ source: "linear:ENG" });
  }, 120_000);
});
