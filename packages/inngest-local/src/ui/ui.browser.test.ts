import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpHarness, type TestApp } from "../conformance/harness";

// Debian's chromium, launched as facts.md says (no downloads, no background networking).
const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts", import.meta.url));

describe("runs UI in a browser", () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let ui: string;
  const requests: string[] = [];
  let chargeAttempts = 0;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    app = await httpHarness.setup(
      (client) => [
        client.createFunction({ id: "process-order", retries: 2, triggers: [{ event: "shop/ordered" }] }, async ({ event, step }) => {
          await step.run("charge-card", () => {
            if (chargeAttempts++ === 0) throw new Error("card processor timed out");
            return { charged: event.data.total };
          });
          const shipped = await step.waitForEvent("wait-for-shipment", { event: "shop/shipped", match: "data.orderId", timeout: "1d" });
          return { shippedBy: shipped?.data.carrier ?? null };
        }),
        client.createFunction({ id: "hold", triggers: [{ event: "shop/hold" }] }, async ({ step }) => {
          await step.sleep("hold-a-day", "1d");
          return "released";
        }),
      ],
      { random: () => 0.5 },
    );
    ui = app.local.url ?? "";
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Every request the pages make: the UI must need nothing but its own documents.
    page.on("request", (request) => requests.push(request.url()));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const runOf = (fn: string) => app.local.runs().find((run) => run.functionId === `conformance-${fn}`);

  it("shows a run's timeline with a retried step and a waitForEvent that ended by an event sent from the UI", async () => {
    await app.client.send({ name: "shop/ordered", data: { orderId: 7, total: 42 } });
    // Past the retry's backoff (750 ms with this jitter), well before the wait's 1-day timeout.
    await app.local.advanceTime(1_000);
    expect(runOf("process-order")?.status).toBe("waiting");

    await page.goto(`${ui}/send`);
    await page.fill("input[name=name]", "shop/shipped");
    await page.fill("textarea[name=data]", '{ "orderId": 7, "carrier": "parcel-co" }');
    await page.click("button[data-action=send]");
    await page.waitForURL(/\/events\/[0-9A-Z]{26}$/);
    await app.local.waitForIdle();
    const run = runOf("process-order");
    expect(run).toMatchObject({ status: "completed", output: { shippedBy: "parcel-co" } });

    await page.goto(`${ui}/run?runID=${run?.id}`);
    const rows = page.locator("table[data-timeline] tr[data-step]");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('tr[data-step="charge-card"][data-outcome="retrying"]').innerText()).toContain("card processor timed out");
    expect(await page.locator('tr[data-step="charge-card"][data-outcome="ok"]').innerText()).toContain('"charged":42');
    expect(await page.locator('tr[data-step="wait-for-shipment"][data-outcome="ok"] [data-detail]').innerText()).toMatch(
      /^resumed by event "shop\/shipped" [0-9A-Z]{26}$/,
    );
    expect(await page.locator("[data-run-output]").innerText()).toContain('"shippedBy": "parcel-co"');
    await shot("inngest-local-run-timeline");
  });

  it("reruns a run from its page", async () => {
    const original = runOf("process-order");
    await page.goto(`${ui}/run?runID=${original?.id}`);
    await page.click("button[data-action=rerun]");
    await page.waitForURL((url) => url.searchParams.get("runID") !== original?.id);
    const rerunId = new URL(page.url()).searchParams.get("runID") ?? "";
    await app.local.waitForIdle();
    expect(app.local.run(rerunId)).toMatchObject({ originalRunId: original?.id, status: "waiting", event: { id: original?.event.id } });
    await page.reload();
    expect(await page.locator("main").innerText()).toContain(`Rerun of\n${original?.id}`);
    await shot("inngest-local-rerun");
  });

  it("cancels a sleeping run from its page, and lists runs with filters", async () => {
    await app.client.send({ name: "shop/hold", data: {} });
    await app.local.waitForIdle();
    const held = runOf("hold");
    await page.goto(`${ui}/run?runID=${held?.id}`);
    await page.click("button[data-action=cancel]");
    await page.waitForLoadState();
    expect(app.local.run(held?.id ?? "")?.status).toBe("cancelled");
    expect(await page.locator("h1 .badge").innerText()).toBe("cancelled");
    expect(await page.locator('tr[data-step="hold-a-day"][data-outcome="cancelled"]').innerText()).toContain("never resumed: the run was cancelled");
    await shot("inngest-local-cancelled");

    await page.goto(`${ui}/?status=cancelled`);
    expect(await page.locator("tr[data-run]").count()).toBe(1);
    await page.goto(`${ui}/?function=conformance-process-order`);
    expect(await page.locator("tr[data-run]").count()).toBe(2);
    await page.goto(`${ui}/`);
    expect(await page.locator("tr[data-run]").count()).toBe(3);
    await shot("inngest-local-runs");
    expect(requests.filter((url) => !url.startsWith(ui))).toEqual([]);
  });
});
