import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";

describe("/api/inngest", () => {
  let dataDir: string;
  afterAll(async () => {
    const { getRuntime } = await import("~/server/runtime");
    await (await getRuntime()).database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves every Tributary function (introspection)", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "tributary-console-"));
    process.env.TRIBUTARY_DATA_DIR = dataDir;
    process.env.INNGEST_DEV = "1";
    const { GET } = await import("./route");
    const response = await GET(new NextRequest("http://localhost:3000/api/inngest"), {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as { function_count: number; mode: string };
    // 11 functions, 3 of them with an onFailure handler (registered as functions of their own).
    expect(body).toMatchObject({ function_count: 14, mode: "dev" });
  });
});
