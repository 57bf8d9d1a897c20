import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@repo/inngest-local";
import { FakeGitHub } from "@repo/testing/github";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR, freePort, latestLoginLink, startConsole } from "./servers";

const ARTIFACTS = join(CONSOLE_DIR, "test-artifacts");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const PAGES = ["/", "/connect", "/search?q=retry", "/activity", "/workspace", "/sources/src_guessed0000000000000"];

// Sign-in in a real browser: "Sign in with GitHub" through the fake's OAuth pages (team mode),
// sign-out, anonymous visits, and embedded mode's one-time link.
describe("signing in to the console in a browser", () => {
  let browser: Browser;
  let executor: Awaited<ReturnType<typeof startServer>>;
  let github: FakeGitHub;
  let team: Awaited<ReturnType<typeof startConsole>>;
  let embedded: Awaited<ReturnType<typeof startConsole>>;
  let dataDirs: string[] = [];

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dataDirs = [await mkdtemp(join(tmpdir(), "tributary-auth-team-")), await mkdtemp(join(tmpdir(), "tributary-auth-embedded-"))];
    const [teamPort, embeddedPort] = [await freePort(), await freePort()];
    const teamUrl = `http://127.0.0.1:${teamPort}`;
    github = await FakeGitHub.start({
      repos: [],
      oauth: {
        clientId: "Iv1.browser",
        clientSecret: "browser-secret",
        callbackUrl: `${teamUrl}/api/auth/callback/github`,
        users: [{ login: "alice", name: "Alice Liddell" }, { login: "mallory" }],
      },
    });
    executor = await startServer({ port: await freePort(), appUrls: [] });
    team = await startConsole(teamPort, {
      TRIBUTARY_DATA_DIR: dataDirs[0]!,
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: executor.url,
      GITHUB_API_URL: github.url,
      GITHUB_OAUTH_URL: github.url,
      GITHUB_CLIENT_ID: "Iv1.browser",
      GITHUB_CLIENT_SECRET: "browser-secret",
      TRIBUTARY_AUTH_SECRET: "browser-test-secret-long-enough-0123456789",
      TRIBUTARY_URL: teamUrl,
      TRIBUTARY_OWNERS: "alice",
    });
    embedded = await startConsole(embeddedPort, { TRIBUTARY_DATA_DIR: dataDirs[1]!, INNGEST_DEV: "1", INNGEST_BASE_URL: executor.url });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    team?.process.kill("SIGTERM");
    embedded?.process.kill("SIGTERM");
    await executor?.stop();
    await github?.stop();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  it("sends an anonymous visit to any page to the sign-in page", async () => {
    const page = await browser.newPage();
    for (const path of PAGES) {
      await page.goto(`${team.url}${path}`);
      expect(new URL(page.url()).pathname, path).toBe("/sign-in");
    }
    expect(await page.getByRole("button", { name: "Sign in with GitHub" }).count()).toBe(1);
    // Nothing of the console shows before sign-in: no navigation, no data.
    expect(await page.locator("nav").count()).toBe(0);
    await shot(page, "sign-in");
    await page.close();
  }, 120_000);

  it("signs in with GitHub through the fake, lands on Sources, and signs out", async () => {
    const page = await browser.newPage();
    await page.goto(`${team.url}/connect`);
    await page.getByRole("button", { name: "Sign in with GitHub" }).click();
    await page.waitForURL(`${github.url}/login/oauth/authorize?**`);
    await shot(page, "github-authorize");
    await page.getByRole("button", { name: "Authorize as alice" }).click();
    await page.waitForURL(`${team.url}/`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sources");
    expect(await page.locator("[data-user]").textContent()).toBe("alice");
    await shot(page, "signed-in-sources");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${team.url}/sign-in`);
    await page.goto(`${team.url}/`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await shot(page, "signed-out");
    await page.close();
  }, 120_000);

  it("lets a GitHub user of no workspace in to a page that says so, and nowhere else", async () => {
    const page = await browser.newPage();
    await page.goto(`${team.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in with GitHub" }).click();
    await page.getByRole("button", { name: "Authorize as mallory" }).click();
    await page.waitForURL(`${team.url}/no-workspace`);
    await page.goto(`${team.url}/activity`);
    expect(new URL(page.url()).pathname).toBe("/no-workspace");
    await shot(page, "no-workspace");
    await page.close();
  }, 120_000);

  it("embedded mode: the printed link signs in once; a used link and no link get nothing", async () => {
    const page = await browser.newPage();
    await page.goto(`${embedded.url}/`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await page.getByText("one-time login link printed in the terminal").count()).toBe(1);
    await shot(page, "sign-in-embedded");
    const link = latestLoginLink(embedded.output());
    await page.goto(link);
    await page.waitForURL(`${embedded.url}/`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sources");

    // The same link in another browser (another local user, a page that saw it) is refused.
    const other = await browser.newContext();
    const stranger = await other.newPage();
    const reused = await stranger.goto(link);
    expect(reused?.status()).toBe(401);
    await stranger.goto(`${embedded.url}/`);
    expect(new URL(stranger.url()).pathname).toBe("/sign-in");
    // Using the link printed the next one, which works.
    expect(latestLoginLink(embedded.output())).not.toBe(link);
    await other.close();
    await page.close();
  }, 120_000);
});
