import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it, vi } from "vitest";
import { unitInngest, unusedDeps } from "../testing/unit";
import { createGithubPush } from "./github-push";

const fn = createGithubPush(unitInngest, unusedDeps());
const push = (data: Partial<Record<string, unknown>> = {}) => ({
  name: "tributary/github.push",
  data: {
    deliveryId: "d1",
    repositoryId: 9,
    repositoryFullName: "acme/w",
    ref: "refs/heads/main",
    before: "a".repeat(40),
    after: "b".repeat(40),
    forced: false,
    deleted: false,
    created: false,
    installationId: null,
    ...data,
  },
});

describe("github.push", () => {
  it("ignores tags without touching the database", async () => {
    const { result } = await new InngestTestEngine({ function: fn, events: [push({ ref: "refs/tags/v1" })] }).execute();
    expect(result).toEqual({ ignored: "not a branch: refs/tags/v1" });
  });

  it("ignores a branch no source follows", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: fn, events: [push({ ref: "refs/heads/dev" })] }).execute({
      steps: [{ id: "find-sources", handler: () => [] }],
    });
    expect(result).toEqual({ ignored: "no source follows acme/w@dev" });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });

  it("pauses the sources of a deleted branch", async () => {
    const pause = vi.fn();
    const { result } = await new InngestTestEngine({ function: fn, events: [push({ deleted: true })] }).execute({
      steps: [
        { id: "find-sources", handler: () => ["src_1"] },
        { id: "pause-sources", handler: pause },
      ],
    });
    expect(result).toEqual({ paused: ["src_1"] });
    expect(pause).toHaveBeenCalledTimes(1);
  });

  it("requests a sync of every source to the pushed sha", async () => {
    const { result, ctx } = await new InngestTestEngine({ function: fn, events: [push()] }).execute({
      steps: [
        { id: "find-sources", handler: () => ["src_1", "src_2"] },
        {
          id: "queue-syncs",
          handler: () => [
            { sourceId: "src_1", requestId: "r1", duplicate: false },
            { sourceId: "src_2", requestId: "r2", duplicate: false },
          ],
        },
        { id: "request-syncs", handler: () => ({ ids: ["e1", "e2"] }) },
      ],
    });
    expect(result).toEqual({ requested: ["src_1", "src_2"] });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("request-syncs", [
      expect.objectContaining({ data: { sourceId: "src_1", requestId: "r1", commit: "b".repeat(40), trigger: "push" } }),
      expect.objectContaining({ data: { sourceId: "src_2", requestId: "r2", commit: "b".repeat(40), trigger: "push" } }),
    ]);
  });
});
