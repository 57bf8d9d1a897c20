import { LinearClient, LinearError } from "@linear/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeLinear } from "./fake-linear";

describe("FakeLinear through @linear/sdk", () => {
  const fake = new FakeLinear({ tokens: ["lin_api_fake"] });
  let client: LinearClient;
  beforeAll(async () => {
    client = new LinearClient({ apiKey: "lin_api_fake", apiUrl: await fake.start() });
    fake.workspace.seed({ issues: 3, comments: 2 });
  });
  afterAll(() => fake.stop());

  const issuesQuery = (first: number, commentsFirst: number) =>
    `query { issues(first: ${first}) { nodes { id identifier comments(first: ${commentsFirst}) { nodes { id body } } } pageInfo { hasNextPage endCursor } } }`;

  it("serves a query with Linear's rate-limit headers", async () => {
    const res = await client.client.rawRequest<{ issues: { nodes: Array<{ identifier: string; comments: { nodes: unknown[] } }> } }, Record<string, unknown>>(
      issuesQuery(10, 10),
      {},
    );
    expect(res.data?.issues.nodes.map((n) => n.identifier).sort()).toEqual(["ENG-1", "ENG-2", "ENG-3"]);
    expect(res.data?.issues.nodes[0]?.comments.nodes).toHaveLength(2);
    expect(res.headers?.get("x-ratelimit-requests-remaining")).toMatch(/^\d+$/);
    expect(Number(res.headers?.get("x-complexity"))).toBeGreaterThan(10);
  });

  it("refuses page sizes above 250 and queries above 10,000 complexity points", async () => {
    await expect(client.client.rawRequest(issuesQuery(251, 1), {})).rejects.toThrow(/250/);
    const error = await client.client.rawRequest(issuesQuery(250, 250), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinearError);
    expect((error as Error).message).toMatch(/too complex/);
  });

  it("answers RATELIMITED with the reset time once the request budget is spent", async () => {
    fake.setLimits({ requests: 1, windowMs: 60_000 });
    try {
      await client.client.rawRequest(issuesQuery(1, 1), {});
      const error = (await client.client.rawRequest(issuesQuery(1, 1), {}).catch((e: unknown) => e)) as LinearError;
      expect(error.raw?.response?.errors?.[0]?.extensions).toMatchObject({ code: "RATELIMITED" });
      expect(Number(error.raw?.response?.headers?.get("x-ratelimit-requests-reset"))).toBeGreaterThan(Date.now());
    } finally {
      fake.setLimits({ requests: 5_000, windowMs: 3_600_000 });
    }
  });

  it("rejects an unknown key as an authentication error", async () => {
    const stranger = new LinearClient({ apiKey: "lin_api_unknown", apiUrl: fake.apiUrl });
    const error = (await stranger.client.rawRequest(issuesQuery(1, 1), {}).catch((e: unknown) => e)) as LinearError;
    expect(error.type).toBe("AuthenticationError");
  });
});
