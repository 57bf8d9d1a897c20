import { createHmac } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@repo/inngest-local";
import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR, freePort, latestLoginLink, startConsole } from "./servers";

// Debian's chromium, launched as facts.md says (no downloads, no background networking).
const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(CONSOLE_DIR, "test-artifacts");
const SECRET = "browser-test-secret";
const fn = (name: string) => `export function ${name}(attempt: number): number {\n  return attempt * 2;\n}\n`;

describe("the console in a browser", () => {
  let browser: Browser;
  let page: Page;
  let console_: Awaited<ReturnType<typeof startConsole>>;
  let executor: Awaited<ReturnType<typeof startServer>>;
  let github: FakeGitHub;
  let localRepo: TestRepo;
  let hostedRepo: TestRepo;
  let dataDir: string;
  let githubSourceUrl: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), "tributary-console-data-"));
    localRepo = await TestRepo.create();
    // .env is never indexed (likely secrets): it must show up as a skipped file with its reason.
    await localRepo.writeFiles({
      "src/backoff.ts": fn("computeBackoffDelay"),
      "README.md": "# Local\n\nA local repository.\n",
      ".env": "API_KEY=not-for-the-index\n",
    });
    await localRepo.commit("init");
    // Enough files and text for several batches and seconds of work, so the sync can be watched
    // while it runs. The Sources page, opened just after connecting, refreshes itself every 2 s:
    // with ~140 bytes per file the sync was nearly over by its first refresh on 2 fast cores
    // (10 of 13 batches) and sometimes over (no progress bar ever shown); with ~6 KB per file that
    // refresh sees 2 of 13 batches.
    await localRepo.commitManyFiles(3000, { under: "lib", content: (i) => `export const setting${i} = "${"value ".repeat(1000)}${i}";\n` });
    hostedRepo = await TestRepo.create();
    await hostedRepo.writeFiles({ "src/widget.ts": fn("renderWidget") });
    await hostedRepo.commit("init");
    github = await FakeGitHub.start({ repos: [{ dir: hostedRepo.dir, owner: "acme", name: "widgets", id: 4321 }], tokens: ["test-token"] });

    const [executorPort, consolePort] = [await freePort(), await freePort()];
    executor = await startServer({ port: executorPort, appUrls: [], syncRetryMs: 200 });
    console_ = await startConsole(consolePort, {
      TRIBUTARY_DATA_DIR: dataDir,
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: executor.url,
      GITHUB_WEBHOOK_SECRET: SECRET,
      GITHUB_TOKEN: "test-token",
      GITHUB_API_URL: github.url,
    });
    await executor.local.sync(`${console_.url}/api/inngest`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage();
    // Embedded mode: sign in with the one-time link the console printed at startup.
    await page.goto(latestLoginLink(console_.output()));
    await page.waitForURL(`${console_.url}/`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    console_?.process.kill("SIGTERM");
    await executor?.stop();
    await github?.stop();
    await localRepo?.remove();
    await hostedRepo?.remove();
    await rm(dataDir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const waitForJobs = async (sourceUrl: string, count: number) => {
    for (let i = 0; i < 240; i++) {
      await page.goto(sourceUrl);
      if ((await page.locator("tr[data-job] .badge.succeeded").count()) >= count) return;
      await page.waitForTimeout(500);
    }
    throw new Error(`fewer than ${count} successful jobs on ${sourceUrl}:\n${await page.locator("main").innerText()}`);
  };

  it("shows inline validation errors on the Connect page", async () => {
    await page.goto(`${console_.url}/connect`);
    await shot("connect");
    await page.getByLabel("Path to a git repository").fill(tmpdir());
    await page.getByRole("button", { name: "Connect local repository" }).click();
    await page.waitForURL(/\/connect\?/);
    const input = page.getByLabel("Path to a git repository");
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    expect(await input.inputValue()).toBe(tmpdir());
    expect(await page.locator("#path-error").textContent()).toContain("is not a git repository");
    await shot("connect-error");
  }, 60_000);

  it("connects a local repository, shows live progress until done, then finds a known file", async () => {
    await page.goto(`${console_.url}/connect`);
    await page.getByLabel("Path to a git repository").fill(localRepo.dir);
    await page.getByRole("button", { name: "Connect local repository" }).click();
    await page.waitForURL(/\/sources\/src_/);
    const sourceUrl = page.url();

    // One visit to Sources: the page refreshes itself while the job runs.
    await page.goto(`${console_.url}/`);
    const row = page.locator("tr[data-source]").first();
    await row.locator("progress").waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => /\d+\/\d+ batches/.test(document.querySelector("tr[data-source]")?.textContent ?? ""), null, { timeout: 60_000 });
    await shot("sources-syncing");
    await page.waitForFunction(() => document.querySelector("tr[data-source] .badge")?.textContent === "idle", null, { timeout: 120_000 });
    expect(await row.textContent()).toContain("succeeded");
    expect(await row.locator("progress").count()).toBe(0);
    await shot("sources");

    await waitForJobs(sourceUrl, 1);
    // The connect sync succeeded. Looked up by trigger, not as the newest job: a schedule.sync tick
    // could still queue a sync of its own if the connect sync waited past CONNECT_GRACE_MS.
    expect(await page.locator('tr[data-job][data-trigger="connect"] .badge.succeeded').count()).toBe(1);
    expect(await page.locator('tr[data-missing=".env"]').textContent()).toContain("skipped");
    expect(await page.getByLabel("effective tributary.yml").textContent()).toContain("exclude");
    await shot("source-local");

    await page.goto(`${console_.url}/search`);
    await page.getByLabel("Query").fill("computeBackoffDelay");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForSelector("li.result");
    expect(await page.locator("li.result").first().getAttribute("data-path")).toBe("src/backoff.ts");
    await shot("search");
  }, 240_000);

  it("shows each source's schedule and saves a new interval", async () => {
    await page.goto(`${console_.url}/`);
    const schedule = page.locator("tr[data-source] [data-testid=schedule]").first();
    expect(await schedule.textContent()).toMatch(/^every 60 minnext: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    await page.locator("tr[data-source] a").first().click();
    await page.waitForURL(/\/sources\/src_/);
    expect(await page.getByTestId("schedule-interval").textContent()).toBe("every 60 min");
    await page.getByLabel("Interval (minutes)").fill("15");
    await page.getByRole("button", { name: "Save interval" }).click();
    await page.waitForFunction(() => document.querySelector("[data-testid=schedule-interval]")?.textContent === "every 15 min", null, { timeout: 30_000 });
    expect(await page.getByTestId("schedule-next").textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    await shot("source-schedule");
    await page.goto(`${console_.url}/`);
    expect(await page.locator("tr[data-source] [data-testid=schedule]").first().textContent()).toContain("every 15 min");
  }, 60_000);

  it("syncs a pushed commit of a GitHub repository from a signed webhook", async () => {
    await page.goto(`${console_.url}/connect`);
    await page.getByLabel("Repository (owner/name)").fill("acme/widgets");
    await page.getByRole("button", { name: "Connect GitHub repository" }).click();
    await page.waitForURL(/\/sources\/src_/);
    githubSourceUrl = page.url();
    await waitForJobs(githubSourceUrl, 1);

    await hostedRepo.writeFile("src/gadget.ts", fn("assembleGadget"));
    const after = await hostedRepo.commit("add gadget");
    const body = JSON.stringify({
      ref: "refs/heads/main",
      before: "0".repeat(40),
      after,
      created: false,
      deleted: false,
      forced: false,
      repository: { id: 4321, full_name: "acme/widgets", name: "widgets", owner: { login: "acme" } },
      commits: [],
    });
    const response = await fetch(`${console_.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-github-delivery": "browser-1",
        "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
      },
      body,
    });
    expect(response.status).toBe(202);
    await waitForJobs(githubSourceUrl, 2);
    const newest = page.locator("tr[data-job]").first();
    expect(await newest.getAttribute("data-trigger")).toBe("push");
    expect(await newest.textContent()).toContain(after.slice(0, 7));
    await shot("source-github");

    await page.goto(`${console_.url}/search?q=assembleGadget`);
    const top = page.locator("li.result").first();
    expect(await top.getAttribute("data-path")).toBe("src/gadget.ts");
    // The result links to the file at the indexed commit on the repository's host.
    expect(await top.locator("a").first().getAttribute("href")).toMatch(new RegExp(`/acme/widgets/blob/${after}/src/gadget\\.ts#L\\d+-L\\d+$`));

    await page.goto(githubSourceUrl);
    await page.getByRole("button", { name: "Sync now" }).click();
    await waitForJobs(githubSourceUrl, 3);
    expect(await page.locator("tr[data-job]").first().getAttribute("data-trigger")).toBe("manual");

    await page.goto(`${console_.url}/activity`);
    expect(await page.locator('tr[data-delivery="browser-1"]').textContent()).toContain("processed");
    expect(await page.locator("tr[data-activity]").count()).toBeGreaterThan(0);
    await shot("activity");
  }, 240_000);

  it("removes a source only after confirmation", async () => {
    await page.goto(githubSourceUrl);
    await page.getByRole("link", { name: "Remove…" }).click();
    await page.waitForURL(/confirm=1/);
    await shot("source-remove-confirm");
    await page.getByRole("button", { name: "Yes, remove acme/widgets" }).click();
    await page.waitForURL(`${console_.url}/`);
    expect(await page.locator('tr[data-source="acme/widgets"]').count()).toBe(0);
    expect(await page.locator("tr[data-source]").count()).toBe(1);
    // Its chunks leave search at once (its vectors are deleted by documents-delete meanwhile).
    await page.goto(`${console_.url}/search?q=assembleGadget`);
    expect(await page.locator('li.result[data-path="src/gadget.ts"]').count()).toBe(0);
    expect(await page.locator("li.result").count()).toBeGreaterThan(0);
  }, 60_000);

  it("labels every form control and reaches it by keyboard", async () => {
    await page.goto(`${console_.url}/`);
    const sourcePage = await page.locator("tr[data-source] a").first().getAttribute("href");
    expect(sourcePage).toMatch(/^\/sources\/src_/);
    for (const path of ["/connect", "/search", sourcePage!]) {
      await page.goto(`${console_.url}${path}`);
      const unlabeled = await page.$$eval("input:not([type=hidden]), select, textarea", (els) =>
        els.filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute("aria-label")).map((el) => el.outerHTML),
      );
      expect(unlabeled).toEqual([]);
      const all = await page.$$eval("input:not([type=hidden]), select, button, main a[href]", (els) => els.map((el) => el.outerHTML));
      const reached = new Set<string>();
      for (let i = 0; i < all.length + 12; i++) {
        await page.keyboard.press("Tab");
        reached.add(await page.evaluate(() => document.activeElement?.outerHTML ?? ""));
      }
      expect(all.filter((control) => !reached.has(control))).toEqual([]);
    }
  }, 60_000);
});
