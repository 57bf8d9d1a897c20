// `pnpm bench:console [files=3000] [max-minutes=30]`: how the console answers while it syncs. The production build
// (`next start`) serves the pages and /api/inngest; inngest-local runs in this process on a port and
// calls the console's functions over HTTP, as the browser e2e tests run it; the repository (real
// files from node_modules) is served by the fake GitHub. Real HTTP requests, one at a time as a
// user and GitHub would send them, time the Sources page and the webhook route (signed pushes for
// the repository being synced) first on an idle console, then during the full sync: p50/p95/max.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { classifyPath, DEFAULT_CONFIG } from "@repo/console-content";
import { startServer } from "@repo/inngest-local";
import { indexableCorpus } from "@repo/testing/corpus";
import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { chromium } from "playwright-core";
import { freePort, latestLoginLink, startConsole } from "../src/browser/servers";

const SECRET = "console-bench-secret";
const REPO = { owner: "acme", name: "corpus", id: 9876 };
/** Pause between two requests: a user's page refresh and a stream of GitHub deliveries, not a load test. */
const GAP_MS = 100;
const IDLE_SAMPLES = 20;
/** A push every 2 s: a busy repository; each push queues a sync request that the running one coalesces. */
const PUSH_EVERY_MS = 2000;
const failures: string[] = [];

const fileCount = Number(process.argv[2] ?? 3000);
/** Measuring stops here even if the sync goes on (it then says so). */
const maxMinutes = Number(process.argv[3] ?? 30);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
const corpus = await indexableCorpus(fileCount, (path) => classifyPath(path, DEFAULT_CONFIG) === null);
const repo = await TestRepo.create();
const dataDir = await mkdtemp(join(tmpdir(), "tributary-console-bench-"));
await repo.writeFiles(Object.fromEntries(corpus.map((f) => [f.path, f.text])));
const head = await repo.commit(`corpus of ${fileCount} files`);
const github = await FakeGitHub.start({ repos: [{ dir: repo.dir, ...REPO }], tokens: ["bench-token"] });
const executor = await startServer({ port: await freePort(), appUrls: [], syncRetryMs: 200 });
const console_ = await startConsole(await freePort(), {
  TRIBUTARY_DATA_DIR: dataDir,
  INNGEST_DEV: "1",
  INNGEST_BASE_URL: executor.url,
  GITHUB_WEBHOOK_SECRET: SECRET,
  GITHUB_TOKEN: "bench-token",
  GITHUB_API_URL: github.url,
  // TRIBUTARY_DB_TRACE=1 pnpm bench:console: the console's PGlite waits/holds and event-loop delay, printed at the end.
  ...(process.env.TRIBUTARY_DB_TRACE ? { TRIBUTARY_DB_TRACE: process.env.TRIBUTARY_DB_TRACE } : {}),
});
// How many of the console's trace lines printTrace has printed (declared before the run uses it).
let traced = 0;
try {
  await executor.local.sync(`${console_.url}/api/inngest`);
  console.log(
    `corpus: ${fileCount} real files from node_modules/.pnpm (${(corpus.reduce((n, f) => n + f.bytes, 0) / 1e6).toFixed(1)} MB) in the fake GitHub as ${REPO.owner}/${REPO.name}`,
  );
  console.log(`console: next start (production build) at ${console_.url}; inngest-local at ${executor.url}`);
  const cookie = await signIn(latestLoginLink(console_.output()));

  const sourcesPage = () => timed(`${console_.url}/`, { headers: { cookie } });
  const webhook = () => {
    // Each delivery a distinct push (its own `before`): the route answers a replayed push body as a duplicate.
    const body = JSON.stringify({
      ref: "refs/heads/main",
      before: randomBytes(20).toString("hex"),
      after: head,
      created: false,
      deleted: false,
      forced: false,
      repository: { id: REPO.id, full_name: `${REPO.owner}/${REPO.name}`, name: REPO.name, owner: { login: REPO.owner } },
      commits: [],
    });
    const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
    return timed(`${console_.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": randomUUID(), "x-hub-signature-256": signature },
      body,
    });
  };

  // First requests after start-up load code and open the database: not what is measured.
  for (let i = 0; i < 3; i++) await sourcesPage();
  const idle: number[] = [];
  for (let i = 0; i < IDLE_SAMPLES; i++) {
    idle.push((await sourcesPage()).ms);
    await pause();
  }
  console.log(`idle console (before connecting), load ${load()}:`);
  report("Sources page", idle);

  console.log(`connecting ${REPO.owner}/${REPO.name} through the Connect page (Chromium)`);
  await connectThroughBrowser(cookie);
  const started = performance.now();
  const during = { page: [] as number[], webhook: [] as number[] };
  let status = "";
  let lastPush = 0;
  let lastReport = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  while (!["idle", "failed", "partial"].includes(status) && performance.now() - started < maxMinutes * 60_000) {
    const page = await sourcesPage();
    during.page.push(page.ms);
    status = /class="badge (\w+)"/.exec(page.body)?.[1] ?? status;
    await pause();
    if (performance.now() - lastPush >= PUSH_EVERY_MS) {
      lastPush = performance.now();
      const hook = await webhook();
      if (hook.status !== 202 && hook.status !== 0) throw new Error(`the webhook route answered ${hook.status}: ${hook.body}`);
      during.webhook.push(hook.ms);
      await pause();
    }
    // A long sync on a loaded machine: what was measured so far, every minute.
    if (performance.now() - lastReport >= 60_000) {
      lastReport = performance.now();
      console.log(`  so far (${elapsed()}, status ${status}, load ${loadavg()[0]!.toFixed(2)}):`);
      report("Sources page", during.page);
      report("webhook route", during.webhook);
      printTrace();
    }
  }
  const finished = ["idle", "failed", "partial"].includes(status);
  console.log(
    `during the sync (connect → ${finished ? `Sources shows "${status}" after ${elapsed()}` : `still "${status}" when measuring stopped at ${elapsed()}`}), load ${load()}:`,
  );
  report("Sources page", during.page);
  report("webhook route", during.webhook);
  console.log(`failed requests: ${failures.length}${failures.length > 0 ? ` (${[...new Set(failures)].join("; ")})` : ""}`);
  console.log(
    `measured: wall time of each HTTP request (fetch → body read) from this process, one request at a time with ${GAP_MS} ms between them, a push every ${PUSH_EVERY_MS / 1000} s; target p95 ≤ 300 ms`,
  );
  printTrace();
} finally {
  console_.process.kill("SIGTERM");
  await executor.stop();
  await github.stop();
  await repo.remove();
  await rm(dataDir, { recursive: true, force: true });
}

/** The console's new `[db-trace]` lines (TRIBUTARY_DB_TRACE=1), as it printed them every 10 s. */
function printTrace(): void {
  const trace = console_
    .output()
    .split("\n")
    .filter((line) => line.startsWith("[db-trace]"));
  for (const line of trace.slice(traced)) console.log(`  ${line}`);
  traced = trace.length;
}

/** A request that fails (a reset connection) counts with its time until the failure, and is reported. */
async function timed(url: string, init: RequestInit): Promise<{ ms: number; status: number; body: string }> {
  const begin = performance.now();
  try {
    const response = await fetch(url, { ...init, redirect: "manual" });
    const body = await response.text();
    return { ms: performance.now() - begin, status: response.status, body };
  } catch (error) {
    if (console_.process.exitCode !== null) throw new Error(`the console exited (${console_.process.exitCode}):\n${console_.output().slice(-4000)}`);
    failures.push(
      `${new URL(url).pathname}: ${error instanceof Error ? `${error.message} (${String((error.cause as Error | undefined)?.message ?? "")})` : String(error)}`,
    );
    return { ms: performance.now() - begin, status: 0, body: "" };
  }
}

/** Embedded mode signs in with the one-time link the console printed; its cookies are the session. */
async function signIn(link: string): Promise<string> {
  const response = await fetch(link, { redirect: "manual" });
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (cookies.length === 0) throw new Error(`signing in set no cookie (HTTP ${response.status})`);
  return cookies.join("; ");
}

/** The Connect page's GitHub form, as a user submits it (a server action). */
async function connectThroughBrowser(cookie: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    const context = await browser.newContext();
    const { hostname } = new URL(console_.url);
    await context.addCookies(
      cookie.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), domain: hostname, path: "/" })),
    );
    const page = await context.newPage();
    await page.goto(`${console_.url}/connect`);
    await page.getByLabel("Repository (owner/name)").fill(`${REPO.owner}/${REPO.name}`);
    await page.getByRole("button", { name: "Connect GitHub repository" }).click();
    await page.waitForURL(/\/sources\/src_/);
  } finally {
    await browser.close();
  }
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, GAP_MS));
}

function report(what: string, samples: number[]): void {
  if (samples.length === 0) return console.log(`  ${what.padEnd(13)} no requests yet`);
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!.toFixed(0);
  console.log(`  ${what.padEnd(13)} p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (${samples.length} requests)`);
}
