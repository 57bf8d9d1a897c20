import { afterEach, describe, expect, it } from "vitest";
import { inProcessHarness, type TestApp } from "../conformance/harness";

const BASE = "http://inngest-local.invalid";

describe("runs UI (server-rendered)", () => {
  let app: TestApp | undefined;
  afterEach(() => app?.close());

  const get = async (path: string) => {
    const response = await app?.local.fetch(`${BASE}${path}`, { headers: { accept: "text/html" } });
    return { status: response?.status, text: (await response?.text()) ?? "" };
  };
  const post = (path: string, form: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    app?.local.fetch(`${BASE}${path}`, { method: "POST", body: new URLSearchParams(form), headers: { origin: BASE, ...headers }, redirect: "manual" });

  const setup = async () => {
    let flaky = 0;
    app = await inProcessHarness.setup(
      (client) => [
        client.createFunction({ id: "job", retries: 2, triggers: [{ event: "t/job" }] }, async ({ step, event }) => {
          await step.run("fetch-<things>", () => {
            if (flaky++ === 0) throw new Error("first attempt fails");
            return { got: event.data.n };
          });
          const approval = await step.waitForEvent("await-approval", { event: "t/approved", match: "data.n", timeout: "1h" });
          return { approved: approval?.data.by ?? null };
        }),
      ],
      { random: () => 0.5 },
    );
  };

  it("lists runs with filters, and shows a run's trigger, timeline (retried step, wait ended by event) and output", async () => {
    await setup();
    await app?.client.send({ name: "t/job", data: { n: 1 } });
    // Past the retry's backoff (750 ms with this jitter), not the wait's 1 h timeout.
    await app?.local.advanceTime(1_000);
    await app?.client.send({ name: "t/approved", data: { n: 1, by: "ops" } });
    await app?.local.runUntilIdle();
    const [run] = app?.local.runs() ?? [];

    const list = await get("/");
    expect(list.text).toContain(`data-run="${run?.id}" data-status="completed"`);
    expect((await get("/?status=failed")).text).not.toContain(`data-run="${run?.id}"`);
    expect((await get("/?function=conformance-job")).text).toContain(`data-run="${run?.id}"`);

    const detail = await get(`/run?runID=${run?.id}`);
    expect(detail.status).toBe(200);
    expect(detail.text).toContain("&quot;n&quot;: 1");
    // Step ids are escaped, attempts counted from 1, the wait's ending spelled out.
    expect(detail.text).toContain('data-step="fetch-&lt;things&gt;" data-outcome="retrying"');
    expect(detail.text).toContain("first attempt fails");
    expect(detail.text).toMatch(/data-step="await-approval" data-outcome="ok"[\s\S]*resumed by event &quot;t\/approved&quot;/);
    expect(detail.text).toContain("&quot;approved&quot;: &quot;ops&quot;");
  });

  it("sends an event, cancels and reruns from forms; refuses cross-site posts", async () => {
    await setup();
    const sent = await post("/send", { name: "t/job", data: '{"n": 2}' });
    expect(sent?.status).toBe(303);
    expect(sent?.headers.get("location")).toMatch(/^\/events\/[0-9A-Z]{26}$/);
    await app?.local.advanceTime(1_000);
    const [waiting] = app?.local.runs() ?? [];
    expect(waiting?.status).toBe("waiting");

    expect((await post(`/runs/${waiting?.id}/cancel`, {}, { origin: "https://evil.example" }))?.status).toBe(403);
    expect(app?.local.run(waiting?.id ?? "")?.status).toBe("waiting");
    const cancelled = await post(`/runs/${waiting?.id}/cancel`);
    expect(cancelled?.status).toBe(303);
    expect(app?.local.run(waiting?.id ?? "")?.status).toBe("cancelled");

    const rerun = await post(`/runs/${waiting?.id}/rerun`);
    const rerunId = rerun?.headers.get("location")?.split("runID=")[1] ?? "";
    await app?.local.advanceTime(1_000);
    expect(app?.local.run(rerunId)).toMatchObject({ status: "waiting", originalRunId: waiting?.id, event: { id: waiting?.event.id } });

    const invalid = await post("/send", { name: "t/job", data: "{not json" });
    expect(invalid?.status).toBe(400);
    expect(await invalid?.text()).toContain("Data is not valid JSON");
  });
});
