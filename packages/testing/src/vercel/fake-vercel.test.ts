import { afterEach, describe, expect, it } from "vitest";
import { FakeVercel } from "./fake-vercel";
import { seedVercelTeam } from "./seed";

const TOKEN = "v-1";
let fake: FakeVercel | undefined;
afterEach(() => fake?.stop());

interface Answer {
  deployments: Array<{ uid: string }>;
  pagination: { next: number | null };
  error: { code: string; invalidToken?: boolean };
}

async function get(path: string, token = TOKEN): Promise<{ status: number; headers: Headers; body: Answer }> {
  const res = await fetch(fake!.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Answer };
}

describe("FakeVercel", () => {
  it("pages deployments newest first, at most 100, with pagination.next as the next `until`", async () => {
    fake = await FakeVercel.start({ team: seedVercelTeam({ projects: 2, deploymentsPerProject: 80, failEvery: 10 }), tokens: [TOKEN] });
    const first = await get("/v6/deployments?limit=500");
    expect(first.body.deployments).toHaveLength(100);
    expect(first.headers.get("x-ratelimit-remaining")).toBe("499");
    const second = await get(`/v6/deployments?limit=500&until=${first.body.pagination.next}`);
    expect(second.body.deployments).toHaveLength(60);
    expect(second.body.pagination.next).toBeNull();
    const uids = [...first.body.deployments, ...second.body.deployments].map((d) => d.uid);
    expect(new Set(uids).size).toBe(160);
    expect((await get("/v6/deployments")).body.deployments).toHaveLength(20);
  });

  it("answers 403 for a bad token, 404 for a deleted deployment, 429 with x-ratelimit-reset when the window is spent", async () => {
    fake = await FakeVercel.start({
      team: seedVercelTeam({ projects: 1, deploymentsPerProject: 2, failEvery: 2 }),
      tokens: [TOKEN],
      rateLimit: { limit: 3, windowMs: 60_000 },
    });
    expect(await get("/v9/projects", "nope")).toMatchObject({ status: 403, body: { error: { code: "forbidden", invalidToken: true } } });
    const uid = [...fake.team.deployments.keys()][0]!;
    fake.team.deleteDeployment(uid);
    expect((await get(`/v13/deployments/${uid}`)).status).toBe(404);
    await get("/v9/projects");
    await get("/v9/projects");
    await get("/v9/projects");
    const limited = await get("/v9/projects");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("x-ratelimit-reset")) * 1000).toBeGreaterThan(Date.now());
    expect(limited.body.error.code).toBe("rate_limited");
  });
});
