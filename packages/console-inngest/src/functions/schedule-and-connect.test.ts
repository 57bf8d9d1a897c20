import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { unitInngest, unusedDeps } from "../testing/unit";
import { createScheduleSync } from "./schedule-sync";
import { createSourceConnected } from "./source-connected";
import { createStoreEnsure } from "./store-ensure";

const deps = unusedDeps();

describe("schedule.sync", () => {
  const fn = createScheduleSync(unitInngest, deps, { cron: "*/30 * * * *" });
  it("requests nothing when every source is fresh", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: fn }).execute({
      steps: [
        { id: "sweep-staging", handler: () => 0 },
        { id: "find-due-sources", handler: () => [] },
      ],
    });
    expect(result).toEqual({ due: 0, unchanged: 0, requested: 0 });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });
  it("requests a head sync for every due source whose head moved, and none for the others", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: fn }).execute({
      steps: [
        { id: "sweep-staging", handler: () => 0 },
        { id: "find-due-sources", handler: () => ["src_1", "src_2"] },
        { id: "check-heads", handler: () => ({ unchanged: ["src_2"], queued: [{ sourceId: "src_1", requestId: "r1", reason: "head moved to abc" }] }) },
        { id: "request-syncs", handler: () => ({ ids: ["e1"] }) },
      ],
    });
    expect(result).toEqual({ due: 2, unchanged: 1, requested: 1 });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("request-syncs", [
      expect.objectContaining({ data: { sourceId: "src_1", requestId: "r1", commit: null, trigger: "schedule" } }),
    ]);
  });
});

describe("source.connected.github", () => {
  it("ensures the store, then queues a full sync and records the activity", async () => {
    const fn = createSourceConnected(unitInngest, deps, { storeEnsure: createStoreEnsure(unitInngest, deps) });
    const { result, ctx } = await new InngestTestEngine({
      function: fn,
      events: [{ name: "tributary/source.connected", data: { sourceId: "src_1", connectionKey: "src_1:1", actor: "cli" } }],
    }).execute({
      steps: [
        { id: "load-source", handler: () => ({ source: { id: "src_1", storeId: "sto_1", workspaceId: "ws_1", fullName: "acme/w" } }) },
        { id: "ensure-store", handler: () => ({ storeId: "sto_1" }) },
        { id: "queue-full-sync", handler: () => ({ requestId: "r1", duplicate: false }) },
        { id: "request-sync", handler: () => ({ ids: ["e1", "e2"] }) },
      ],
    });
    expect(result).toEqual({ sourceId: "src_1", requestId: "r1" });
    expect(ctx.step.invoke).toHaveBeenCalledWith("ensure-store", expect.objectContaining({ data: { storeId: "sto_1" } }));
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("request-sync", [
      expect.objectContaining({ name: "tributary/source.sync.requested", data: { sourceId: "src_1", requestId: "r1", commit: null, trigger: "connect" } }),
      expect.objectContaining({ name: "tributary/activity.recorded", data: expect.objectContaining({ action: "source.connected", actor: "cli" }) }),
    ]);
  });
});
