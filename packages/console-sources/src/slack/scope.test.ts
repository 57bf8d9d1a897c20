import { FakeSlack, SlackWorkspace, seedSlackWorkspace, slackGroundTruth } from "@repo/testing/slack";
import { afterAll, expect, it } from "vitest";
import { SlackConnector } from "./connector";

const TOKEN = "xoxb-test-token";
let fake: FakeSlack | undefined;
afterAll(() => fake?.stop());

it("pages a 450-reply thread to the end: one document with every reply, once", async () => {
  const ws = new SlackWorkspace();
  ws.addUser({ id: "U1", name: "ana", real_name: "Ana" });
  ws.addChannel({ id: "C1", name: "incidents", is_member: true });
  const parent = ws.post("C1", "U1", "outage thread");
  for (let i = 0; i < 450; i++) ws.reply("C1", parent, "U1", `update ${i}`);
  fake = await FakeSlack.start({ workspace: ws, tokens: [TOKEN], enforceTiers: false });
  const connector = new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl });
  const changes = await connector.listChanges(null);
  expect(changes.upserts.map((i) => i.externalId)).toEqual([`C1:thread:${parent}`]);
  expect(fake.count("conversations.replies")).toBe(3);
  const texts: string[] = [];
  for await (const content of connector.fetchContent(changes.upserts)) if (content.status === "ok") texts.push(content.text);
  expect(texts[0]!.match(/update \d+/g)).toHaveLength(450);
  expect(texts[0]).toContain("update 449");
});

it("a channel target (`slack:#team-2`) lists and cleans up that channel only", async () => {
  await fake?.stop();
  fake = await FakeSlack.start({
    workspace: seedSlackWorkspace({ channels: 3, threadsPerChannel: 2, repliesPerThread: 1, loosePerChannel: 2, days: 2 }),
    tokens: [TOKEN],
    enforceTiers: false,
  });
  const connector = new SlackConnector({ token: TOKEN, apiUrl: fake.apiUrl, channels: ["#team-2"] });
  const expected = [...slackGroundTruth(fake.workspace).keys()].filter((id) => id.startsWith("C00002:")).sort();
  expect(expected.length).toBeGreaterThan(0);
  expect((await connector.listChanges(null)).upserts.map((i) => i.externalId).sort()).toEqual(expected);
  expect((await connector.listLiveIds()).sort()).toEqual(expected);
  expect(fake.count("conversations.history")).toBe(2);
});
