import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, createPgVectorStore } from "@repo/console-db";
import { tableRows } from "@repo/console-db/testing";
import { expectedVectorIds, filesAt } from "@repo/console-inngest/testing/ground-truth";
import { sourceVectorPrefix } from "@repo/console-types";
import { createRunsClient, type InngestRun } from "@repo/inngest-local";
import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR, freePort, latestLoginLink, startConsole } from "./servers";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(CONSOLE_DIR, "test-artifacts");
const INNGEST_LOCAL_CLI = fileURLToPath(new URL("../../../../packages/inngest-local/src/cli.ts", import.meta.url));
const FILES = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** inngest-local as `pnpm dev` runs it: its own process, syncing the console, runs kept in the data dir. */
async function startInngestLocal(port: number, appUrl: string, runsDir: string): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", INNGEST_LOCAL_CLI, "-p", String(port), "-u", appUrl, "--data-dir", runsDir, "-q"], {
    cwd: CONSOLE_DIR,
    detached: true,
  });
  let output = "";
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (
    let i = 0;
    !(await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  ) {
    if (i > 240 || child.exitCode !== null) throw new Error(`inngest-local did not start:\n${output}`);
    await sleep(250);
  }
  return { process: child, url };
}

/** kill -9 of a process group this test started (the server and anything it spawned). */
async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = once(child, "exit");
  process.kill(-child.pid, "SIGKILL");
  await exited;
}

describe("Inngest runs of a sync, across a kill -9 of the console and inngest-local", () => {
  let browser: Browser;
  let page: Page;
  let consoleApp: Awaited<ReturnType<typeof startConsole>> | undefined;
  let executor: Awaited<ReturnType<typeof startInngestLocal>> | undefined;
  let github: FakeGitHub;
  let localRepo: TestRepo;
  let hostedRepo: TestRepo;
  let dataDir: string;
  let ports: { executor: number; console: number };
  let sourceUrl = "";
  let orchestratorId = "";

  const consoleEnv = () => ({
    TRIBUTARY_DATA_DIR: dataDir,
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: `http://127.0.0.1:${ports.executor}`,
    GITHUB_TOKEN: "test-token",
    GITHUB_API_URL: github.url,
    // A configured secret keeps the browser's session valid across the console's restart.
    TRIBUTARY_AUTH_SECRET: "runs-test-secret-that-is-long-enough-0123456789",
  });
  const start = async () => {
    executor = await startInngestLocal(ports.executor, `http://127.0.0.1:${ports.console}/api/inngest`, join(dataDir, "inngest-local"));
    consoleApp = await startConsole(ports.console, consoleEnv(), { detached: true });
  };
  const runs = () => createRunsClient({ baseUrl: executor?.url ?? "" });
  /** Every retained run, newest first (inngest-local's list; Inngest's REST API has runs by event and by id). */
  const listRuns = async (): Promise<InngestRun[]> => ((await (await fetch(`${executor?.url}/v1/runs?limit=5000`)).json()) as { data: InngestRun[] }).data;
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const waitForJobs = async (url: string, count: number) => {
    for (let i = 0; i < 600; i++) {
      await page.goto(url);
      if ((await page.locator("tr[data-job] .badge.succeeded").count()) >= count) return;
      await page.waitForTimeout(500);
    }
    throw new Error(`fewer than ${count} successful jobs on ${url}:\n${await page.locator("main").innerText()}`);
  };

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), "tributary-runs-"));
    localRepo = await TestRepo.create();
    await localRepo.writeFiles({ "README.md": "# Many settings\n", "src/backoff.ts": "export const backoff = (n: number) => n * 2;\n" });
    await localRepo.commit("init");
    await localRepo.commitManyFiles(FILES, { under: "lib", content: (i) => `export const setting${i} = "${"value ".repeat(20)}${i}";\n` });
    hostedRepo = await TestRepo.create();
    await hostedRepo.writeFiles({ "src/widget.ts": "export const widget = 1;\n" });
    await hostedRepo.commit("init");
    github = await FakeGitHub.start({ repos: [{ dir: hostedRepo.dir, owner: "acme", name: "widgets", id: 4321 }], tokens: ["test-token"] });
    ports = { executor: await freePort(), console: await freePort() };
    await start();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Embedded mode: sign in through the one-time link the console printed.
    await page.goto(latestLoginLink(consoleApp!.output()));
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (consoleApp) await killHard(consoleApp.process);
    if (executor) await killHard(executor.process);
    await github?.stop();
    await localRepo?.remove();
    await hostedRepo?.remove();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("resumes a 3,000-file sync from its memoized steps after kill -9, and keeps the runs from before", async () => {
    await page.goto(`${consoleApp?.url}/connect`);
    await page.getByLabel("Path to a git repository").fill(localRepo.dir);
    await page.getByRole("button", { name: "Connect local repository" }).click();
    await page.waitForURL(/\/sources\/src_/);
    sourceUrl = page.url();

    // Mid-sync: some batches processed, the orchestrator still waiting for the rest.
    let before: InngestRun[] = [];
    for (let i = 0; ; i++) {
      before = await listRuns();
      const batches = before.filter((run) => run.function_slug === "tributary-documents-process");
      const orchestrator = before.find((run) => run.function_slug === "tributary-source-sync");
      if (orchestrator?.status === "Running" && batches.some((run) => run.status === "Completed") && batches.some((run) => run.status !== "Completed")) break;
      if (i > 3000 || orchestrator?.status === "Completed")
        throw new Error(`never caught the sync mid-way: ${JSON.stringify(before.map((r) => [r.function_slug, r.status]))}`);
      await sleep(100);
    }
    orchestratorId = before.find((run) => run.function_slug === "tributary-source-sync")?.run_id ?? "";
    const stepsBefore = (await runs().runSteps(orchestratorId)) ?? [];
    const killedAt = Date.now();
    await Promise.all([killHard(consoleApp!.process), killHard(executor!.process)]);

    await start();
    for (let i = 0; (await runs().getRun(orchestratorId))?.status !== "Completed"; i++) {
      if (i > 1200) throw new Error(`the resumed orchestrator did not complete: ${JSON.stringify(await runs().getRun(orchestratorId))}`);
      await sleep(250);
    }
    await waitForJobs(sourceUrl, 1);
    const job = page.locator("tr[data-job]").first();
    expect(await job.innerText()).toContain(String(FILES + 2));

    const after = await listRuns();
    // History from before the kill is still listed, with the same runs and start times.
    for (const run of before) expect(after.find((other) => other.run_id === run.run_id)).toMatchObject({ run_started_at: run.run_started_at });
    const finishedBefore = before.filter((run) => run.status === "Completed");
    for (const run of finishedBefore) expect(after.find((other) => other.run_id === run.run_id)?.ended_at).toBe(run.ended_at);
    // The orchestrator resumed from its memoized steps: none that had finished ran again.
    const stepsAfter = (await runs().runSteps(orchestratorId)) ?? [];
    const finished = stepsBefore.filter((step) => step.op === "StepRun" && step.outcome === "ok").map((step) => step.id);
    expect(finished.length).toBeGreaterThan(0);
    for (const id of finished) expect(stepsAfter.filter((step) => step.id === id && step.outcome === "ok")).toHaveLength(1);
    expect(stepsAfter.some((step) => step.at > killedAt)).toBe(true);
    // One processing run per batch: nothing was started twice.
    const batchRuns = after.filter((run) => run.function_slug === "tributary-documents-process");
    expect(new Set(batchRuns.map((run) => run.event_id)).size).toBe(batchRuns.length);
    expect(batchRuns.every((run) => run.status === "Completed")).toBe(true);

    await page.goto(`${executor?.url}/?function=tributary-documents-process`);
    expect(await page.locator("tr[data-run]").count()).toBe(batchRuns.length);
    await page.goto(`${executor?.url}/`);
    await shot("inngest-local-runs-after-sync");
    await page.goto(`${executor?.url}/run?runID=${orchestratorId}`);
    await shot("inngest-local-resumed-orchestrator");
  }, 900_000);

  it("shows a job's runs with their status and steps, linked to the Inngest server's run pages", async () => {
    await page.goto(sourceUrl);
    await page.locator("tr[data-job] a[data-job-link]").first().click();
    await page.waitForURL(/\/jobs\/job_/);
    const rows = page.locator("tr[data-inngest-run]");
    expect(await rows.first().getAttribute("data-inngest-run")).toBe(orchestratorId);
    const functions = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-function")));
    // failure-recovery reads every finished job (it decides whether a partial one is retried).
    expect(new Set(functions)).toEqual(
      new Set(["source-sync", "github-sync", "github-adapter", "documents-process", "relationships-extract", "failure-recovery"]),
    );
    expect(await rows.locator(".badge.completed").count()).toBe(await rows.count());
    expect(await rows.first().locator("summary").innerText()).toMatch(/\d+ steps/);
    await shot("console-job-runs");
    const link = rows.first().locator("a");
    expect(await link.getAttribute("href")).toBe(`${executor?.url}/run?runID=${orchestratorId}`);
    await link.click();
    await page.waitForURL(`${executor?.url}/run?runID=${orchestratorId}`);
    expect(await page.locator("[data-run-id]").innerText()).toBe(orchestratorId);
  }, 120_000);

  it("starts a sync from an event sent in inngest-local's UI (a push of the GitHub repository)", async () => {
    await page.goto(`${consoleApp?.url}/connect`);
    await page.getByLabel("Repository (owner/name)").fill("acme/widgets");
    await page.getByRole("button", { name: "Connect GitHub repository" }).click();
    await page.waitForURL(/\/sources\/src_/);
    const githubSourceUrl = page.url();
    await waitForJobs(githubSourceUrl, 1);

    await hostedRepo.writeFile("src/gadget.ts", "export const gadget = 2;\n");
    const after = await hostedRepo.commit("add gadget");
    const push = {
      deliveryId: "ui-push-1",
      repositoryId: 4321,
      repositoryFullName: "acme/widgets",
      ref: "refs/heads/main",
      before: "0".repeat(40),
      after,
      forced: false,
      deleted: false,
      created: false,
      installationId: null,
    };
    await page.goto(`${executor?.url}/send`);
    await page.fill("input[name=name]", "tributary/github.push");
    await page.fill("textarea[name=data]", JSON.stringify(push, null, 2));
    await shot("inngest-local-send-push");
    await page.click("button[data-action=send]");
    await page.waitForURL(/\/events\/[0-9A-Z]{26}$/);
    expect(await page.locator("table[data-event-runs]").innerText()).toContain("tributary-github-push");

    await waitForJobs(githubSourceUrl, 2);
    const newest = page.locator("tr[data-job]").first();
    expect(await newest.getAttribute("data-trigger")).toBe("push");
    expect(await newest.innerText()).toContain(after.slice(0, 7));
    await shot("console-push-from-inngest-local-ui");
  }, 300_000);

  it("leaves the index equal to ground truth computed from git", async () => {
    const sourceId = sourceUrl.split("/").pop() ?? "";
    // PGlite is single-process: the console lets go of the data directory first.
    const exited = once(consoleApp!.process, "exit");
    consoleApp!.process.kill("SIGTERM");
    await exited;
    consoleApp = undefined;
    const database = await createDb({ dataDir });
    try {
      const [source] = await tableRows(database.db, "sources", { where: { id: sourceId } });
      const [store] = await tableRows(database.db, "stores");
      const head = await localRepo.head();
      expect(source?.syncedCommit).toBe(head);
      const vectors = createPgVectorStore({ db: database.db, storeId: store!.id, dimensions: store!.embeddingDimensions });
      const stored = new Set(await vectors.listIds(sourceVectorPrefix(sourceId)));
      expect(stored).toEqual(await expectedVectorIds(localRepo.dir, head, sourceId, filesAt(localRepo.dir, head)));
    } finally {
      await database.close();
    }
  }, 300_000);
});
