import { existsSync, readFileSync, realpathSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TestRepo } from "@repo/testing/github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYNCED_HEADS_FILE } from "../sync/synced-heads";
import { runTributary } from "./run-tributary";

// The PGlite module the CLI bundle imports: console-db's dependency, by its real path.
const consoleDb = createRequire(fileURLToPath(new URL("../../../../packages/console-db/package.json", import.meta.url)));
const PGLITE = join(realpathSync(dirname(consoleDb.resolve("@electric-sql/pglite"))), "index.js");
const PRELOAD = fileURLToPath(new URL("./count-pglite-closes.mjs", import.meta.url));

// A re-sync of a repository whose head moved opens the database once (for the full sync), not
// first for the no-change check (sync/unchanged.ts) and then again for the runtime.
describe("sync of a local repository with a new commit", () => {
  let repo: TestRepo;
  let dataDir: string;
  const UP_TO_DATE = /up to date: .* nothing changed since the last sync/;

  beforeAll(async () => {
    repo = await TestRepo.create();
    await repo.writeFiles({ "src/a.ts": "export const alpha = 1;\n" });
    await repo.commit("first");
    dataDir = await mkdtemp(join(tmpdir(), "tributary-single-open-"));
  });
  afterAll(async () => {
    await repo?.remove();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** One sync; how many times it opened (and closed) the database. */
  const sync = async () => {
    const closes = join(dataDir, "..", `${dataDir.split("/").pop()}-closes-${Date.now()}`);
    const result = await runTributary(["sync", repo.dir, "--data-dir", dataDir, "--json"], {
      env: { NODE_OPTIONS: `--import ${pathToFileURL(PRELOAD).href}`, TRIBUTARY_TEST_PGLITE: PGLITE, TRIBUTARY_TEST_CLOSES_FILE: closes },
    });
    expect(result.code, result.stderr).toBe(0);
    const opens = existsSync(closes) ? readFileSync(closes, "utf8").split("\n").filter(Boolean).length : 0;
    await rm(closes, { force: true });
    return {
      opens,
      fast: UP_TO_DATE.test(result.stderr),
      summary: JSON.parse(result.stdout) as { status: string; commit: string; files: { indexed: number } },
    };
  };

  it("opens the database once, and the next no-change sync still takes the fast path", async () => {
    const first = await sync();
    expect(first).toMatchObject({ opens: 1, fast: false, summary: { status: "succeeded" } });
    expect(existsSync(join(dataDir, SYNCED_HEADS_FILE))).toBe(true);

    await repo.writeFiles({ "src/b.ts": "export const beta = 2;\n" });
    const head = await repo.commit("second");
    const changed = await sync();
    expect(changed).toMatchObject({ opens: 1, fast: false, summary: { status: "succeeded", commit: head, files: { indexed: 1 } } });

    const unchanged = await sync();
    expect(unchanged).toMatchObject({ opens: 1, fast: true, summary: { status: "succeeded", commit: head } });
  });

  it("without the hint (a data directory synced before it existed), still syncs a new commit", async () => {
    await rm(join(dataDir, SYNCED_HEADS_FILE), { force: true });
    await repo.writeFiles({ "src/c.ts": "export const gamma = 3;\n" });
    const head = await repo.commit("third");
    const changed = await sync();
    // The check opens the database and declines, then the full sync opens it: as before the hint.
    expect(changed).toMatchObject({ opens: 2, fast: false, summary: { status: "succeeded", commit: head, files: { indexed: 1 } } });
    const unchanged = await sync();
    expect(unchanged).toMatchObject({ opens: 1, fast: true, summary: { commit: head } });
  });
});
