import { createHmac } from "node:crypto";
import { addMember, createDb, createWorkspace, getSourceDetail, listMembers, migrate, type Database } from "@repo/console-db";
import { createTempPostgresDatabase, tableRows, type TempPostgresDatabase } from "@repo/console-db/testing";
import { ensureWorkspace } from "@repo/console-inngest";
import { startServer } from "@repo/inngest-local";
import { FakeGitHub, TestRepo } from "@repo/testing/github";
import { FakePinecone } from "@repo/testing/pinecone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "~/testing/http-client";
import { signInThroughFakeGitHub } from "~/testing/sign-in";
import { freePort, startConsole } from "./servers";

// The authorization matrix at the route and action level, against `next start` in team mode
// (GitHub sign-in through the fake, Postgres, Pinecone fake): anonymous callers are turned away
// everywhere, and a member of one workspace cannot read or act on another's sources even with
// their ids in hand. Actions are submitted as a no-JS browser submits them (multipart POST with
// the action id), with ids of the other workspace substituted into the fields.
const OAUTH = { clientId: "Iv1.console-test", clientSecret: "console-test-secret" };
const WEBHOOK_SECRET = "authz-webhook-secret";
const PAGES = ["/", "/connect", "/search?q=anything", "/activity", "/workspace", "/no-workspace"];

describe("who may see and do what (route and action level)", () => {
  let pg: TempPostgresDatabase;
  let database: Database;
  let github: FakeGitHub;
  let pinecone: FakePinecone;
  let executor: Awaited<ReturnType<typeof startServer>>;
  let console_: Awaited<ReturnType<typeof startConsole>>;
  let repos: TestRepo[] = [];
  let alice: HttpClient;
  let bob: HttpClient;
  let carol: HttpClient;
  let dave: HttpClient;
  let workspaceA: string;
  let sourceA: string;
  let sourceB: string;
  /** Forms as the signed-in owner of A saw them: the actions every other caller replays. */
  const forms: Record<string, { path: string; html: string; button: string }> = {};

  const db = () => database.db;
  const source = async (id: string) => (await tableRows(db(), "sources", { where: { id } }))[0]!;
  const syncRequests = async (id: string) => (await tableRows(db(), "syncRequests", { where: { sourceId: id } })).length;

  async function connect(client: HttpClient, repository: string): Promise<string> {
    const page = await client.page("/connect");
    expect(page.status).toBe(200);
    const response = await client.submit("/connect", page.html, "Connect GitHub repository", { repository });
    expect(response.status).toBe(303);
    const id = /\/sources\/(src_\w+)/.exec(response.headers.get("location") ?? "")?.[1];
    if (!id) throw new Error(`connect did not redirect to the source: ${response.headers.get("location")}`);
    return id;
  }

  async function waitForSync(workspaceId: string, sourceId: string): Promise<void> {
    for (let i = 0; i < 240; i++) {
      const detail = await getSourceDetail(db(), workspaceId, sourceId);
      if (detail?.jobs[0]?.status === "succeeded") return;
      if (detail?.jobs[0]?.status === "failed") throw new Error(`sync failed: ${detail.jobs[0].error}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`${sourceId} did not sync`);
  }

  beforeAll(async () => {
    pg = await createTempPostgresDatabase();
    database = await createDb({ url: pg.url, maxConnections: 2 });
    await migrate(database.db);
    const [widgets, gadgets] = [await TestRepo.create(), await TestRepo.create()];
    repos = [widgets, gadgets];
    await widgets.writeFiles({ "src/alpha.ts": "export function alphaOnlyFunction(retries: number) {\n  return retries + 1;\n}\n" });
    await widgets.commit("init");
    await gadgets.writeFiles({ "src/beta.ts": "export function betaOnlyFunction(delay: number) {\n  return delay * 2;\n}\n" });
    await gadgets.commit("init");
    const [consolePort, executorPort] = [await freePort(), await freePort()];
    const consoleUrl = `http://127.0.0.1:${consolePort}`;
    github = await FakeGitHub.start({
      repos: [
        { dir: widgets.dir, owner: "acme", name: "widgets", id: 4321 },
        { dir: gadgets.dir, owner: "octo", name: "gadgets", id: 8765 },
      ],
      tokens: ["test-token"],
      oauth: { ...OAUTH, callbackUrl: `${consoleUrl}/api/auth/callback/github`, users: ["alice", "bob", "carol", "dave"].map((login) => ({ login })) },
    });
    pinecone = new FakePinecone();
    const { controllerHostUrl } = await pinecone.start();
    executor = await startServer({ port: executorPort, appUrls: [] });

    // A is the default workspace (alice owns it by configuration, carol is a member); B is bob's.
    workspaceA = await ensureWorkspace(db(), "default");
    await addMember(db(), { workspaceId: workspaceA, githubLogin: "carol", role: "member", invitedBy: "alice" });
    await createWorkspace(db(), { name: "Beta", owner: { githubLogin: "bob" } });
    // A second workspace of alice's, so the workspace switcher (an action too) is rendered for her.
    await createWorkspace(db(), { name: "Gamma", owner: { githubLogin: "alice" } });

    console_ = await startConsole(consolePort, {
      DATABASE_URL: pg.url,
      INNGEST_DEV: "1",
      INNGEST_BASE_URL: executor.url,
      GITHUB_TOKEN: "test-token",
      GITHUB_API_URL: github.url,
      GITHUB_OAUTH_URL: github.url,
      GITHUB_CLIENT_ID: OAUTH.clientId,
      GITHUB_CLIENT_SECRET: OAUTH.clientSecret,
      GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TRIBUTARY_AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
      TRIBUTARY_URL: consoleUrl,
      TRIBUTARY_OWNERS: "alice",
      PINECONE_API_KEY: "pc-test",
      PINECONE_CONTROLLER_HOST_URL: controllerHostUrl,
    });
    await executor.local.sync(`${console_.url}/api/inngest`);
    alice = await signInThroughFakeGitHub(console_.url, "alice");
    bob = await signInThroughFakeGitHub(console_.url, "bob");
    carol = await signInThroughFakeGitHub(console_.url, "carol");
    dave = await signInThroughFakeGitHub(console_.url, "dave");

    sourceA = await connect(alice, "acme/widgets");
    const workspaceB = (await source(await connect(bob, "octo/gadgets").then((id) => (sourceB = id)))).workspaceId;
    await Promise.all([waitForSync(workspaceA, sourceA), waitForSync(workspaceB, sourceB)]);

    for (const [name, path, button] of [
      ["connect", "/connect", "Connect GitHub repository"],
      ["sync", `/sources/${sourceA}`, "Sync now"],
      ["interval", `/sources/${sourceA}`, "Save interval"],
      ["remove", `/sources/${sourceA}?confirm=1`, "Yes, remove acme/widgets"],
      ["switch", "/", "Switch"],
      ["signOut", "/", "Sign out"],
      ["invite", "/workspace", "Invite"],
      ["organisation", "/workspace", "Save organisation"],
      ["newWorkspace", "/workspace", "Create workspace"],
      ["removeMember", "/workspace", "Remove"],
    ] as const) {
      const page = await alice.page(path);
      expect(page.status, path).toBe(200);
      forms[name] = { path: path.split("?")[0]!, html: page.html, button };
    }
  }, 600_000);

  afterAll(async () => {
    console_?.process.kill("SIGTERM");
    await executor?.stop();
    await Promise.all([github?.stop(), pinecone?.stop()]);
    await database?.close();
    await pg?.drop();
    for (const repo of repos) await repo.remove();
  });

  const replay = (client: HttpClient, name: string, fields: Record<string, string> = {}) => {
    const form = forms[name]!;
    return client.submit(form.path, form.html, form.button, fields);
  };
  /** Refused: 401, or sent to sign in. */
  const refused = (response: Response, name: string) => {
    if (response.status === 401) return;
    expect([303, 307], name).toContain(response.status);
    expect(new URL(response.headers.get("location") ?? "", console_.url).pathname, name).toBe("/sign-in");
  };
  const redirectsToSignIn = (response: { status: number; location?: string | null; headers?: Headers }) => {
    const location = response.location ?? response.headers?.get("location") ?? "";
    expect([303, 307]).toContain(response.status);
    expect(new URL(location, console_.url).pathname).toBe("/sign-in");
  };

  it("sends anonymous visitors of every page to sign in, with or without a forged session cookie", async () => {
    const anonymous = new HttpClient(console_.url);
    const forged = new HttpClient(console_.url);
    forged.cookies.set("better-auth.session_token", "forged-token.forged-signature");
    for (const path of [...PAGES, `/sources/${sourceA}`, `/sources/${sourceB}`]) {
      redirectsToSignIn(await anonymous.page(path));
      redirectsToSignIn(await forged.page(path));
    }
    expect((await anonymous.page("/sign-in")).status).toBe(200);
  });

  it("refuses every server action and the webhook route to anonymous callers, with no effect", async () => {
    const anonymous = new HttpClient(console_.url);
    const forged = new HttpClient(console_.url);
    forged.cookies.set("better-auth.session_token", "forged-token.forged-signature");
    const requestsBefore = await syncRequests(sourceA);
    const membersBefore = (await listMembers(db(), workspaceA)).length;
    const workspacesBefore = (await tableRows(db(), "workspaces")).length;
    for (const name of Object.keys(forms)) {
      const fields: Record<string, string> =
        name === "invite"
          ? { login: "mallory", role: "owner" }
          : name === "newWorkspace"
            ? { name: "Mallory's" }
            : name === "connect"
              ? { repository: "octo/gadgets" }
              : name === "interval"
                ? { minutes: "5" }
                : {};
      expect((await replay(anonymous, name, fields)).status, name).toBe(401);
      refused(await replay(forged, name, fields), name);
    }
    expect(await syncRequests(sourceA)).toBe(requestsBefore);
    expect((await source(sourceA)).status).toBe("active");
    expect((await source(sourceA)).syncIntervalMinutes).toBe(60);
    expect((await listMembers(db(), workspaceA)).length).toBe(membersBefore);
    expect((await tableRows(db(), "workspaces")).length).toBe(workspacesBefore);
    const webhook = await anonymous.fetch("/api/github/webhooks", {
      method: "POST",
      headers: { "x-github-event": "push", "x-github-delivery": "anon-1", "content-type": "application/json" },
      body: "{}",
    });
    expect(webhook.status).toBe(401);
  });

  it("answers 404 to a member of A for B's source pages, sync, remove and search, and shows none of B's data", async () => {
    expect((await alice.page(`/sources/${sourceB}`)).status).toBe(404);
    expect((await alice.page(`/sources/${sourceB}?confirm=1`)).status).toBe(404);
    const requestsB = await syncRequests(sourceB);
    expect((await replay(alice, "sync", { sourceId: sourceB })).status).toBe(404);
    expect((await replay(alice, "remove", { sourceId: sourceB })).status).toBe(404);
    expect((await replay(alice, "interval", { sourceId: sourceB, minutes: "5" })).status).toBe(404);
    expect((await source(sourceB)).syncIntervalMinutes).toBe(60);
    expect(await syncRequests(sourceB)).toBe(requestsB);
    expect((await source(sourceB)).status).toBe("active");
    expect((await alice.page(`/search?q=betaOnlyFunction&source=${sourceB}`)).status).toBe(404);

    // Search ranks every chunk the store may return: B's file must not be among alice's results,
    // while bob finds it (so the empty answer is not just a broken search).
    const aliceSearch = await alice.page("/search?q=betaOnlyFunction");
    expect(aliceSearch.status).toBe(200);
    expect(aliceSearch.html).not.toContain("src/beta.ts");
    expect(aliceSearch.html).toContain("src/alpha.ts");
    const bobSearch = await bob.page("/search?q=betaOnlyFunction");
    expect(bobSearch.html).toContain('data-path="src/beta.ts"');
    expect(bobSearch.html).not.toContain("src/alpha.ts");

    const sources = await alice.page("/");
    expect(sources.html).toContain("acme/widgets");
    expect(sources.html).not.toContain("octo/gadgets");
    // A push to B's repository is B's activity only.
    const body = JSON.stringify({
      ref: "refs/heads/main",
      before: "0".repeat(40),
      after: "1".repeat(40),
      created: false,
      deleted: false,
      forced: false,
      repository: { id: 8765, full_name: "octo/gadgets", name: "gadgets", owner: { login: "octo" } },
      commits: [],
    });
    const delivered = await fetch(`${console_.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-github-delivery": "delivery-for-b",
        "x-hub-signature-256": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`,
      },
      body,
    });
    expect(delivered.status).toBe(202);
    const aliceActivity = await alice.page("/activity");
    expect(aliceActivity.html).not.toContain("delivery-for-b");
    expect(aliceActivity.html).not.toContain("octo/gadgets");
    expect(aliceActivity.html).toContain("acme/widgets");
    expect((await bob.page("/activity")).html).toContain("delivery-for-b");

    // Choosing B's workspace by id does not switch alice into it.
    const [beta] = await tableRows(db(), "workspaces", { where: { name: "Beta" } });
    expect((await replay(alice, "switch", { workspaceId: beta!.id })).status).toBe(303);
    expect((await alice.page("/")).html).not.toContain("octo/gadgets");
  });

  it("lets members act in their workspace, owners alone manage it, and users of no workspace nothing", async () => {
    const before = await syncRequests(sourceA);
    expect((await replay(carol, "sync")).status).toBe(303);
    expect(await syncRequests(sourceA)).toBe(before + 1);
    const invited = await replay(carol, "invite", { login: "mallory", role: "owner" });
    expect(invited.status).toBe(303);
    expect(invited.headers.get("location")).toContain("owners-only");
    expect((await listMembers(db(), workspaceA)).map((m) => m.githubLogin)).not.toContain("mallory");

    const home = await dave.page("/");
    expect(home.status).toBe(307);
    expect(home.location).toContain("/no-workspace");
    const connected = await replay(dave, "connect", { repository: "octo/gadgets" });
    expect(connected.status).toBe(303);
    expect(connected.headers.get("location")).toContain("/no-workspace");
    expect((await tableRows(db(), "sources")).length).toBe(2);
  });

  it("refuses, on the server, a local-path connect outside embedded mode and names like ../user, sending nothing to GitHub", async () => {
    const sourcesBefore = (await tableRows(db(), "sources")).length;
    const githubBefore = github.http.requests.length;
    // The page has no local-path form in team mode; a hand-made POST names the kind itself.
    const local = await replay(alice, "connect", { kind: "local", path: repos[0]!.dir });
    expect(local.status).toBe(303);
    const localError = new URL(local.headers.get("location") ?? "", console_.url);
    expect(localError.searchParams.get("field")).toBe("kind");
    expect(localError.searchParams.get("error")).toMatch(/^Local paths can be connected only when the console runs embedded/);
    for (const [repository, message] of [
      ["../user", '".." is not a GitHub owner name'],
      ["acme/..", '".." is not a GitHub repository name'],
      ["-acme/widgets", "is not a GitHub owner name"],
    ] as const) {
      const response = await replay(alice, "connect", { repository });
      const to = new URL(response.headers.get("location") ?? "", console_.url);
      expect(to.searchParams.get("field"), repository).toBe("repository");
      expect(to.searchParams.get("error"), repository).toContain(message);
    }
    const forgedOption = await replay(alice, "connect", { kind: "github-app", installationRepository: "55:../user" });
    const forgedTo = new URL(forgedOption.headers.get("location") ?? "", console_.url);
    expect(forgedTo.searchParams.get("field")).toBe("installationRepository");
    expect(forgedTo.searchParams.get("error")).toContain('".." is not a GitHub owner name');
    // Nothing reached GitHub with a traversal, and the server's own account was never asked for.
    const sent = github.http.requests.slice(githubBefore).map((r) => `${r.method} ${r.path}`);
    expect(sent.filter((r) => r.includes("..") || /^GET \/user(\?|$)/.test(r))).toEqual([]);
    expect((await tableRows(db(), "sources")).length).toBe(sourcesBefore);
  });

  it("ends the session on sign-out: the same cookie no longer opens a page", async () => {
    const session = new Map(carol.cookies);
    expect((await replay(carol, "signOut")).status).toBe(303);
    const replayed = new HttpClient(console_.url);
    for (const [name, value] of session) replayed.cookies.set(name, value);
    redirectsToSignIn(await replayed.page("/"));
  });
});
