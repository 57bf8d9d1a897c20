import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "@repo/inngest-local";
import { FakeLinear } from "@repo/testing/linear";
import { FakeNotion } from "@repo/testing/notion";
import { FakeSlack, SlackWorkspace } from "@repo/testing/slack";
import { FakeVercel, VercelTeam } from "@repo/testing/vercel";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_DIR, freePort, latestLoginLink, startConsole } from "./servers";

const ARTIFACTS = join(CONSOLE_DIR, "test-artifacts");
const LINEAR_KEY = "lin_api_console_browser";
const NOTION_SECRET = "ntn_console_browser";
const SLACK_TOKEN = "xoxb-console-browser";
const VERCEL_TOKEN = "vercel_console_browser";

// Linear, Notion, Slack and Vercel connected through the Connect page's forms against the fakes
// (real HTTP through the official SDKs), synced by the console's functions on inngest-local, and
// found again through the search page, whose hits link to the item in its service.
describe("item sources in a browser", () => {
  const linear = new FakeLinear({ tokens: [LINEAR_KEY] });
  const notion = new FakeNotion({ tokens: [NOTION_SECRET] });
  let slack: FakeSlack;
  let vercel: FakeVercel;
  let browser: Browser;
  let page: Page;
  let console_: Awaited<ReturnType<typeof startConsole>>;
  let executor: Awaited<ReturnType<typeof startServer>>;
  let dataDir: string;
  let issueUrl: string;
  let notionUrl: string;
  let vercelProjectId: string;
  let slackUrl: string;
  let vercelUrl: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), "tributary-console-items-"));
    const linearUrl = await linear.start();
    linear.workspace.seed({ teamKey: "ENG", issues: 3, comments: 1, documents: 0 });
    const team = [...linear.workspace.teams.values()].find((t) => t.key === "ENG")!;
    const issue = linear.workspace.addIssue(team.id, {
      title: "Heliotrope rollout checklist",
      description: "The heliotrope rollout waits for the canary to stay green.",
    });
    issueUrl = `https://linear.app/fake/issue/${linear.workspace.identifier(issue)}`;
    const notionUrl_ = await notion.start();
    notion.workspace.seed({ roots: 1, pages: 2, blocksPerPage: 2 });
    const notionPage = notion.workspace.addPage({ type: "workspace" }, "Marmalade incident review", [
      notion.workspace.block("paragraph", "The marmalade incident began when the cache expired."),
    ]);
    notionUrl = `https://www.notion.so/fake/Marmalade-incident-review-${notionPage.id.replaceAll("-", "")}`;
    const slackWorkspace = new SlackWorkspace();
    slackWorkspace.addUser({ id: "U0001", name: "ada", real_name: "Ada" });
    slackWorkspace.addChannel({ id: "C0DEPLOY", name: "deploys", is_member: true });
    const ts = slackWorkspace.post("C0DEPLOY", "U0001", "Tangerine deploy freeze starts on Friday.");
    slackUrl = `https://${slackWorkspace.domain}.slack.com/archives/C0DEPLOY/p${ts.replace(".", "")}`;
    slack = await FakeSlack.start({ workspace: slackWorkspace, tokens: [SLACK_TOKEN] });
    const vercelTeam = new VercelTeam();
    const project = vercelTeam.addProject("storefront");
    vercelProjectId = project.id;
    vercelUrl = vercelTeam.deploy(project.id, {
      state: "READY",
      message: "Periwinkle checkout redesign",
      target: "production",
      log: ["Compiled successfully"],
    }).inspectorUrl;
    vercel = await FakeVercel.start({ team: vercelTeam, tokens: [VERCEL_TOKEN] });

    executor = await startServer({ port: await freePort(), appUrls: [] });
    console_ = await startConsole(await freePort(), {
      TRIBUTARY_DATA_DIR: dataDir,
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: executor.url,
      // Embedded mode has no configured auth secret: tokens are sealed with this key.
      TRIBUTARY_CREDENTIALS_KEY: "console-browser-credentials-key",
      LINEAR_API_URL: linearUrl,
      NOTION_API_URL: notionUrl_,
      SLACK_API_URL: slack.apiUrl,
      VERCEL_API_URL: vercel.url,
    });
    await executor.local.sync(`${console_.url}/api/inngest`);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage();
    await page.goto(latestLoginLink(console_.output()));
    await page.waitForURL(`${console_.url}/`);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    console_?.process.kill("SIGTERM");
    await executor?.stop();
    await linear.stop();
    await notion.stop();
    await slack?.stop();
    await vercel?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Fills one provider's form on /connect and submits it. */
  const connect = async (provider: string, scope: string, token: string, button: string) => {
    await page.goto(`${console_.url}/connect`);
    await page.locator(`#${provider}-scope`).fill(scope);
    await page.locator(`#${provider}-token`).fill(token);
    await page.getByRole("button", { name: button }).click();
  };

  /** On a source page, reloads until its first job has finished; returns the job row's text. */
  const syncedJob = async () => {
    const sourceUrl = page.url();
    for (let i = 0; i < 240 && (await page.locator("tr[data-job] .badge.succeeded, tr[data-job] .badge.failed").count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.goto(sourceUrl);
    }
    return page.locator("tr[data-job]").first().textContent();
  };

  /** Searches the phrase and returns the first hit's link. */
  const firstHitLink = async (phrase: string) => {
    await page.goto(`${console_.url}/search?q=${encodeURIComponent(phrase)}`);
    return page.locator("li.result").first().locator("a").first().getAttribute("href");
  };

  it("shows a bad target and a rejected token inline, without echoing the token", async () => {
    await connect("linear", "not a team!", LINEAR_KEY, "Connect Linear team");
    await page.waitForURL(/\/connect\?/);
    expect(await page.locator("#linear-scope-error").textContent()).toMatch(/linear:<team-key>/);

    await connect("linear", "ENG", "lin_api_revoked_or_wrong", "Connect Linear team");
    await page.waitForURL(/\/connect\?/);
    expect(await page.locator("#linear-token-error").textContent()).toBeTruthy();
    expect(await page.locator("#linear-scope").inputValue()).toBe("ENG");
    expect(await page.locator("#linear-token").inputValue()).toBe("");
    expect(page.url()).not.toContain("lin_api_revoked_or_wrong");
    expect(await page.content()).not.toContain("lin_api_revoked_or_wrong");
    await page.screenshot({ path: join(ARTIFACTS, "connect-item-sources-errors.png"), fullPage: true });
    expect(console_.output()).not.toContain("lin_api_revoked_or_wrong");
  }, 120_000);

  it("connects a Linear team and syncs it; its issue is found and links to Linear", async () => {
    await connect("linear", "ENG", LINEAR_KEY, "Connect Linear team");
    await page.waitForURL(/\/sources\/src_/);
    expect(await syncedJob()).toContain("succeeded");
    await page.screenshot({ path: join(ARTIFACTS, "item-source-linear.png"), fullPage: true });
    expect(await firstHitLink("heliotrope rollout canary")).toBe(issueUrl);
    await page.screenshot({ path: join(ARTIFACTS, "item-search-linear.png"), fullPage: true });
  }, 240_000);

  it("connects a Notion workspace and syncs it; its page is found and links to Notion", async () => {
    await connect("notion", "workspace", NOTION_SECRET, "Connect Notion pages");
    await page.waitForURL(/\/sources\/src_/);
    expect(await syncedJob()).toContain("succeeded");
    expect(await firstHitLink("marmalade incident cache")).toBe(notionUrl);
  }, 240_000);

  it("connects a Slack channel and a Vercel project and syncs them; their content is found with service links", async () => {
    await connect("slack", "C0DEPLOY", SLACK_TOKEN, "Connect Slack messages");
    await page.waitForURL(/\/sources\/src_/);
    expect(await syncedJob()).toContain("succeeded");
    expect(await firstHitLink("tangerine deploy freeze")).toBe(slackUrl);

    await connect("vercel", vercelProjectId, VERCEL_TOKEN, "Connect Vercel deployments");
    await page.waitForURL(/\/sources\/src_/);
    expect(await syncedJob()).toContain("succeeded");
    expect(await firstHitLink("periwinkle checkout redesign")).toBe(vercelUrl);
  }, 480_000);

  it("lists every item source in Sources with its cursor, and never shows a token", async () => {
    await page.goto(`${console_.url}/`);
    for (const name of ["linear:ENG", "notion:workspace", "slack:C0DEPLOY", `vercel:${vercelProjectId}`]) {
      const row = page.locator(`tr[data-source="${name}"]`);
      expect(await row.count(), name).toBe(1);
      expect(await row.textContent(), name).toContain("cursor of");
    }
    const html = await page.content();
    for (const token of [LINEAR_KEY, NOTION_SECRET, SLACK_TOKEN, VERCEL_TOKEN]) expect(html).not.toContain(token);
    expect(console_.output()).not.toContain(LINEAR_KEY);
    await page.screenshot({ path: join(ARTIFACTS, "item-sources.png"), fullPage: true });
  }, 60_000);

  it("a revoked token fails the next sync with the service's reason; the source keeps its index and content stays searchable", async () => {
    slack.revoke(SLACK_TOKEN);
    await page.goto(`${console_.url}/`);
    await page.locator('tr[data-source="slack:C0DEPLOY"] a').first().click();
    await page.waitForURL(/\/sources\/src_/);
    await page.getByRole("button", { name: "Sync now" }).click();
    await page.waitForURL(/\/sources\/src_/);
    const sourceUrl = page.url();
    for (let i = 0; i < 240 && (await page.locator("tr[data-job] .badge.failed").count()) === 0; i++) {
      await page.waitForTimeout(500);
      await page.goto(sourceUrl);
    }
    const failed = page.locator("tr[data-job]").first();
    expect(await failed.locator(".badge").textContent()).toBe("failed");
    expect(await failed.locator(".error").textContent()).toMatch(/token_revoked|revoked/i);
    expect(await page.content()).not.toContain(SLACK_TOKEN);
    await page.screenshot({ path: join(ARTIFACTS, "item-source-revoked.png"), fullPage: true });
    expect(await firstHitLink("tangerine deploy freeze")).toBe(slackUrl);
  }, 180_000);
});
