import { createDb, migrate, schema, type Database } from "@repo/console-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordDeadLetter } from "./dead-letters";

// An AWS key id shaped like a real one (not the documentation example), built so this file holds none.
const AWS_KEY = ["AKIA", "Q3ZJ7WXK2MBN4PLR"].join("");

describe("dead letters", () => {
  let database: Database;
  beforeAll(async () => {
    database = await createDb({ memory: true });
    await migrate(database.db);
  });
  afterAll(() => database?.close());

  const failed = (runId: string, errorName = "Error") => ({
    function_id: "tributary-activity-record",
    run_id: runId,
    error: { name: errorName, message: `boom near ${AWS_KEY}` },
    event: { name: "tributary/activity.recorded", data: { workspaceId: "ws_x", apiKey: "plain-secret-value", data: { note: `key ${AWS_KEY}` } } },
  });

  it("stores a failed run once, with credentials and secret-looking strings redacted", async () => {
    const first = await recordDeadLetter(database.db, failed("run-1"), () => 3);
    const again = await recordDeadLetter(database.db, failed("run-1"), () => 3);
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    const rows = await database.db.select().from(schema.deadLetters);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(AWS_KEY);
    expect(stored).not.toContain("plain-secret-value");
    expect(rows[0]).toMatchObject({ functionId: "tributary-activity-record", attempts: 4, retryable: true, sourceId: null, jobId: null });
    expect(rows[0]!.event).toMatchObject({ name: "tributary/activity.recorded", data: { workspaceId: "ws_x", apiKey: "[REDACTED]" } });
  });

  it("counts one attempt for an error that said retrying cannot help", async () => {
    await recordDeadLetter(database.db, failed("run-2", "NonRetriableError"), () => 3);
    const rows = await database.db.select().from(schema.deadLetters);
    expect(rows.find((r) => r.runId === "run-2")).toMatchObject({ attempts: 1, retryable: false });
  });
});
