import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConsoleUnderTest } from "~/testing/console-under-test";

// The functions the design names; onFailure handlers are served as functions of their own.
const EXPECTED = [
  "source-connected-github",
  "github-push",
  "item-webhook",
  "schedule-sync",
  "source-sync",
  "github-sync",
  "github-adapter",
  "documents-process",
  "documents-delete",
  "relationships-extract",
  "store-ensure",
  "activity-record",
  "failure-recovery",
  "monitoring-alert",
  "error-recovery",
  "cleanup-stale",
  "source-cleanup",
];

describe("/api/inngest", () => {
  let console_: Awaited<ReturnType<typeof startConsoleUnderTest>>;
  beforeAll(async () => {
    console_ = await startConsoleUnderTest();
  });
  afterAll(() => console_?.stop());

  it("introspection (GET) counts every function the executor registered from PUT", async () => {
    const response = await console_.inngestRoute.GET(new NextRequest("http://localhost:3000/api/inngest"), {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as { function_count: number; mode: string };
    const registered = console_.executor.local.functions.map((fn) => fn.id);
    expect(body).toMatchObject({ function_count: registered.length, mode: "dev" });

    // Every function createFunctions builds was registered through the real serve handler.
    const built = console_.runtime.functions.map((fn) => fn.id(console_.runtime.inngest.id));
    expect(registered).toEqual(expect.arrayContaining(built));
    const names = built.map((id) => id.slice(console_.runtime.inngest.id.length + 1));
    expect(names.sort()).toEqual([...EXPECTED].sort());
    // The rest are the onFailure handlers of functions that declare one.
    expect(registered.filter((id) => !built.includes(id)).every((id) => id.endsWith("-failure"))).toBe(true);
  });
});
