import { afterEach, describe, expect, it, vi } from "vitest";

// The rules that decide whether /api/inngest checks signatures and whether the console may start.
const NAMES = [
  "NODE_ENV",
  "INNGEST_DEV",
  "INNGEST_BASE_URL",
  "INNGEST_EVENT_KEY",
  "INNGEST_SIGNING_KEY",
  "GITHUB_CLIENT_ID",
  "GITHUB_CLIENT_SECRET",
  "TRIBUTARY_MODE",
  "TRIBUTARY_URL",
  "TRIBUTARY_AUTH_SECRET",
  "TRIBUTARY_HOST",
];
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));

async function load(env: Record<string, string>) {
  for (const name of NAMES) delete process.env[name];
  Object.assign(process.env, { NODE_ENV: "development" }, env);
  vi.resetModules();
  return import("./deployment");
}

afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("Inngest mode", () => {
  it("checks signatures whenever a signing key is set, with or without an event key", async () => {
    // The reported hole: a signing key but no event key used to mean dev mode (unsigned).
    expect((await load({ INNGEST_SIGNING_KEY: "signkey-prod-abc" })).inngestSettings().isDev).toBe(false);
    expect((await load({ NODE_ENV: "production", INNGEST_EVENT_KEY: "k" })).inngestSettings().isDev).toBe(false);
  });

  it("is dev only when asked for, or on a development machine with no keys", async () => {
    expect((await load({})).inngestSettings()).toMatchObject({ isDev: true });
    expect((await load({ NODE_ENV: "production", INNGEST_DEV: "1" })).inngestSettings().isDev).toBe(true);
    expect((await load({ INNGEST_DEV: "0" })).inngestSettings().isDev).toBe(false);
  });

  it("takes INNGEST_DEV=<url> as dev mode at that URL, unless INNGEST_BASE_URL says otherwise", async () => {
    expect((await load({ INNGEST_DEV: "http://127.0.0.1:9999" })).inngestSettings()).toMatchObject({ isDev: true, baseUrl: "http://127.0.0.1:9999" });
    expect((await load({ INNGEST_DEV: "http://127.0.0.1:9999", INNGEST_BASE_URL: "http://10.0.0.2:8288" })).inngestSettings().baseUrl).toBe(
      "http://10.0.0.2:8288",
    );
  });
});

describe("startup checks", () => {
  const complete = {
    NODE_ENV: "production",
    INNGEST_SIGNING_KEY: "signkey-prod-abc",
    INNGEST_EVENT_KEY: "k",
    TRIBUTARY_AUTH_SECRET: "x".repeat(32),
    GITHUB_CLIENT_ID: "id",
    GITHUB_CLIENT_SECRET: "secret",
    TRIBUTARY_URL: "https://tributary.example.com",
  };

  it("passes a complete production environment and names each missing piece", async () => {
    expect((await load(complete)).startupProblems()).toEqual([]);
    for (const name of ["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "TRIBUTARY_AUTH_SECRET", "TRIBUTARY_URL"]) {
      const { [name as keyof typeof complete]: _, ...rest } = complete;
      const problems = (await load(rest)).startupProblems();
      expect(problems, name).toHaveLength(1);
      expect(problems[0], name).toContain(name);
    }
  });

  it("needs a GitHub OAuth app in team mode, and loopback in embedded mode", async () => {
    expect((await load({ ...complete, GITHUB_CLIENT_ID: "", TRIBUTARY_MODE: "team" })).startupProblems()[0]).toContain("GITHUB_CLIENT_ID");
    expect((await load({ TRIBUTARY_HOST: "0.0.0.0" })).startupProblems()[0]).toContain("127.0.0.1 only");
    expect((await load({ TRIBUTARY_HOST: "127.0.0.1" })).startupProblems()).toEqual([]);
  });
});
