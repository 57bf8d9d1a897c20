import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@repo/inngest-local";
import { FakeGitHub, TestRepo, generateAppKeyPair } from "@repo/testing/github";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR, freePort, latestLoginLink, startConsole } from "./servers";

const APP_ID = 9001;
const INSTALLATION_ID = 31;

// A console configured with GitHub App credentials (no token): Connect offers the App's
// installations, and the source syncs through an installation token.
describe("connecting through a GitHub App installation in a browser", () => {
  const keys = generateAppKeyPair();
  let browser: Browser;
  let page: Page;
  let console_: Awaited<ReturnType<typeof startConsole>>;
  let executor: Awaited<ReturnType<typeof startServer>>;
  let github: FakeGitHub;
  let repo: TestRepo;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tributary-console-app-"));
    repo = await TestRepo.create();
    await repo.writeFiles({ "docs/guide.md": "# Guide\n\nHow installations are connected.\n" });
    await repo.commit("init");
    github = await FakeGitHub.start({
      repos: [{ dir: repo.dir, owner: "octo", name: "guides", id: 777 }],
      app: { appId: APP_ID, publicKey: keys.publicKey, installationId: INSTALLATION_ID },
    });
    executor = await startServer({ port: await freePort(), appUrls: [] });
    console_ = await startConsole(await freePort(), {
      TRIBUTARY_DATA_DIR: dataDir,
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: executor.url,
      GITHUB_APP_ID: String(APP_ID),
      // One line with escaped newlines, as in a .env file.
      GITHUB_APP_PRIVATE_KEY: keys.privateKey.replace(/\n/g, "\\n"),
      GITHUB_API_URL: github.url,
    });
    await executor.local.sync(`${console_.url}/api/inngest`);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
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
    await repo?.remove();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("lists the installation's repositories, connects one and syncs it with an installation token", async () => {
    await page.goto(`${console_.url}/connect`);
    const choice = page.getByLabel("Repository from an installation");
    expect(await choice.locator("option").allTextContents()).toEqual(["octo/guides (default branch main)"]);
    await page.screenshot({ path: join(CONSOLE_DIR, "test-artifacts", "connect-github-app.png"), fullPage: true });
    await page.getByRole("button", { name: "Connect installed repository" }).click();
    await page.waitForURL(/\/sources\/src_/);
    const sourceUrl = page.url();
    for (let i = 0; i < 120 && (await page.locator("tr[data-job] .badge.succeeded").count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.goto(sourceUrl);
    }
    expect(await page.locator("tr[data-job]").first().textContent()).toContain("succeeded");
    expect(github.credentials.issuedCount).toBeGreaterThan(0);

    await page.goto(`${console_.url}/search?q=${encodeURIComponent("How installations are connected")}`);
    expect(await page.locator("li.result").first().getAttribute("data-path")).toBe("docs/guide.md");
  }, 120_000);
});
