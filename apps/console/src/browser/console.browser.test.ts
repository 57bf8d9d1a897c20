import { createHmac } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@repo/inngest-local";
import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR, freePort, startConsole } from "./servers";

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

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), "tributary-console-data-"));
    localRepo = await TestRepo.create();
    await localRepo.writeFiles({ "src/backoff.ts": fn("computeBackoffDelay"), "README.md": "# Local\n\nA local repository.\n" });
    await localRepo.commit("init");
    hostedRepo = await TestRepo.create();
    await hostedRepo.writeFiles({ "src/widget.ts": fn("renderWidget") });
    await hostedRepo.commit("init");
    github = await FakeGitHub.start({ repos: [{ dir: hostedRepo.dir, owner: "acme", name: "widgets", id: 4321 }], tokens: ["test-token"] });

    const executorPort = await freePort();
    const consolePort = await freePort();
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
  }, 240_000);

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
    for (let i = 0; i < 120; i++) {
      await page.goto(sourceUrl);
      const succeeded = await page.locator("tr[data-job] .badge.succeeded").count();
      if (succeeded >= count) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`fewer than ${count} successful jobs on ${sourceUrl}:\n${await page.content()}`);
  };

  it("connects a local repository, shows the sync and finds a known file", async () => {
    await page.goto(`${console_.url}/connect`);
    await shot("connect");
    await page.getByLabel("Path to a git repository").fill(localRepo.dir);
    await page.getByRole("button", { name: "Connect local repository" }).click();
    await page.waitForURL(/\/sources\/src_/);
    const sourceUrl = page.url();
    await waitForJobs(sourceUrl, 1);
    await shot("source-local");
    expect(await page.locator("tr[data-job]").first().textContent()).toContain("connect");

    await page.goto(`${console_.url}/`);
    await expect(page.locator(`tr[data-source] .badge`).first().textContent()).resolves.toBe("idle");
    await shot("sources");

    await page.goto(`${console_.url}/search`);
    await page.getByLabel("Query").fill("computeBackoffDelay");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForSelector("li.result");
    expect(await page.locator("li.result").first().getAttribute("data-path")).toBe("src/backoff.ts");
    await shot("search");
  }, 180_000);

  it("syncs a pushed commit of a GitHub repository from a signed webhook", async () => {
    await page.goto(`${console_.url}/connect`);
    await page.getByLabel("Repository (owner/name)").fill("acme/widgets");
    await page.getByRole("button", { name: "Connect GitHub repository" }).click();
    await page.waitForURL(/\/sources\/src_/);
    const sourceUrl = page.url();
    await waitForJobs(sourceUrl, 1);

    await hostedRepo.writeFile("src/gadget.ts", fn("assembleGadget"));
    const after = await hostedRepo.commit("add gadget");
    const body = JSON.stringify({ ref: "refs/heads/main", before: "0".repeat(40), after, created: false, deleted: false, forced: false, repository: { id: 4321, full_name: "acme/widgets", name: "widgets", owner: { login: "acme" } }, commits: [] });
    const response = await fetch(`${console_.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "browser-1", "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}` },
      body,
    });
    expect(response.status).toBe(202);
    await waitForJobs(sourceUrl, 2);
    const jobs = page.locator("tr[data-job]");
    expect(await jobs.first().textContent()).toContain("push");
    expect(await jobs.first().textContent()).toContain(after.slice(0, 7));
    await shot("source-github");

    await page.goto(`${console_.url}/search?q=assembleGadget`);
    expect(await page.locator("li.result").first().getAttribute("data-path")).toBe("src/gadget.ts");
    await page.goto(`${console_.url}/activity`);
    await shot("activity");
    expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);
  }, 180_000);

  it("labels every form control and reaches it by keyboard", async () => {
    for (const path of ["/connect", "/search"]) {
      await page.goto(`${console_.url}${path}`);
      const unlabeled = await page.$$eval("input:not([type=hidden]), select, textarea", (els) =>
        els.filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute("aria-label")).map((el) => el.outerHTML),
      );
      expect(unlabeled).toEqual([]);
      const controls = await page.$$eval("input:not([type=hidden]), select, button", (els) => els.length);
      const reached = new Set<string>();
      for (let i = 0; i < controls + 8; i++) {
        await page.keyboard.press("Tab");
        reached.add(await page.evaluate(() => document.activeElement?.outerHTML ?? ""));
      }
      const all = await page.$$eval("input:not([type=hidden]), select, button", (els) => els.map((el) => el.outerHTML));
      for (const control of all) expect(reached.has(control)).toBe(true);
    }
  }, 60_000);
});
