import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@repo/inngest-local";
import { TestRepo } from "@repo/testing/github";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR, freePort, latestLoginLink, startConsole } from "./servers";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(CONSOLE_DIR, "test-artifacts");

describe("alerts in the console (browser)", () => {
  let browser: Browser;
  let page: Page;
  let console_: Awaited<ReturnType<typeof startConsole>>;
  let executor: Awaited<ReturnType<typeof startServer>>;
  let repo: TestRepo;
  let dataDir: string;
  let sourceUrl: string;
  /** When the first sync was seen succeeded: staleness is measured from its `synced_at`. */
  let succeededAt = 0;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), "tributary-console-alerts-"));
    repo = await TestRepo.create();
    await repo.writeFiles({ "README.md": "# Doomed\n\nThis repository disappears.\n" });
    await repo.commit("init");
    const [executorPort, consolePort] = [await freePort(), await freePort()];
    executor = await startServer({ port: executorPort, appUrls: [], syncRetryMs: 200 });
    // Stale after 0.002 of the hourly interval (7.2 s): the staleness rule runs on the real clock here.
    console_ = await startConsole(consolePort, {
      TRIBUTARY_DATA_DIR: dataDir,
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: executor.url,
      TRIBUTARY_ALERT_STALE_INTERVALS: "0.002",
    });
    await executor.local.sync(`${console_.url}/api/inngest`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage();
    await page.goto(latestLoginLink(console_.output()));
    await page.waitForURL(`${console_.url}/`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    console_?.process.kill("SIGTERM");
    await executor?.stop();
    await repo?.remove();
    await rm(dataDir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it("shows a non-retryable failure as an alert: a badge on Sources and a row on the Alerts page", async () => {
    await page.goto(`${console_.url}/connect`);
    await page.getByLabel("Path to a git repository").fill(repo.dir);
    await page.getByRole("button", { name: "Connect local repository" }).click();
    await page.waitForURL(/\/sources\/src_/);
    sourceUrl = page.url();
    for (let i = 0; i < 240 && (await page.locator("tr[data-job] .badge.succeeded").count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.goto(sourceUrl);
    }
    succeededAt = Date.now();
    // The repository disappears: retrying cannot bring it back, so the next sync alerts at once.
    await repo.remove();
    await page.getByRole("button", { name: "Sync now" }).click();
    for (let i = 0; i < 240 && (await page.locator('tr[data-alert="non-retryable"]').count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.goto(`${console_.url}/alerts`);
    }
    const row = page.locator('tr[data-alert="non-retryable"]');
    await expect(row.count()).resolves.toBe(1);
    expect(await row.innerText()).toMatch(/retrying cannot help/);
    await shot("alerts");
    await page.goto(`${console_.url}/`);
    const badge = page.getByRole("link", { name: /\d open alert\(s\) for / });
    await expect(badge.count()).resolves.toBe(1);
    await shot("sources-alert-badge");
  }, 180_000);

  it("raises one consecutive-failures alert after the third failed sync in a row, and a staleness alert", async () => {
    for (let attempt = 2; attempt <= 3; attempt++) {
      // 0.002 intervals of 60 min is 7.2 s: the last failed sync, whose evaluation raises both
      // alerts, must finish after that (on an idle machine three failures take only seconds).
      if (attempt === 3) await page.waitForTimeout(Math.max(0, succeededAt + 8_000 - Date.now()));
      await page.goto(sourceUrl);
      const failedBefore = await page.locator("tr[data-job] .badge.failed").count();
      await page.getByRole("button", { name: "Sync now" }).click();
      for (let i = 0; i < 240 && (await page.locator("tr[data-job] .badge.failed").count()) <= failedBefore; i++) {
        await page.waitForTimeout(500);
        await page.goto(sourceUrl);
      }
    }
    const raised = async () => (await page.locator('tr[data-alert="consecutive-failures"]').count()) + (await page.locator('tr[data-alert="stale"]').count());
    for (let i = 0; i < 240 && (await raised()) < 2; i++) {
      await page.waitForTimeout(500);
      await page.goto(`${console_.url}/alerts`);
    }
    await expect(page.locator('tr[data-alert="consecutive-failures"]').count()).resolves.toBe(1);
    await expect(page.locator('tr[data-alert="non-retryable"]').count()).resolves.toBe(1);
    await expect(page.locator('tr[data-alert="stale"]').count()).resolves.toBe(1);
    await shot("alerts-consecutive-failures");
  }, 240_000);
});
