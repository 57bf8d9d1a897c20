import { createDb, migrate, schema } from "@repo/console-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureStore, ensureWorkspace } from "../sync/catalog";
import { LOCAL_STORE } from "../testing/harness";
import { connectItemSource } from "./connect";
import { loadCredential, openCredential, sealCredential } from "./credentials";

const KEY = "a-credentials-key-of-some-length";
const TOKEN = "lin_api_0123456789abcdef";

describe("sealed item-source credentials", () => {
  let database: Awaited<ReturnType<typeof createDb>>;
  beforeAll(async () => {
    database = await createDb({ memory: true });
    await migrate(database.db);
  });
  afterAll(() => database.close());

  it("round-trips, with a fresh IV per seal, and refuses a wrong key or a tampered value", () => {
    const a = sealCredential(KEY, TOKEN);
    const b = sealCredential(KEY, TOKEN);
    expect(a).not.toBe(b);
    expect(a).not.toContain(TOKEN);
    expect(openCredential(KEY, a)).toBe(TOKEN);
    expect(() => openCredential("another-key-entirely-123", a)).toThrow(/cannot be opened/);
    const [v, iv, body, tag] = a.split(".");
    // The second-to-last character is replaced (the last may carry only padding bits), by one that
    // differs from it: checking the last character instead left it unchanged one run in ~64.
    const flipped = `${v}.${iv}.${body!.slice(0, -2)}${body!.at(-2) === "A" ? "B" : "A"}${body!.slice(-1)}.${tag}`;
    expect(flipped).not.toBe(a);
    expect(() => openCredential(KEY, flipped)).toThrow(/cannot be opened/);
    expect(() => sealCredential("short", TOKEN)).toThrow(/at least 16/);
  });

  it("connecting stores the token sealed (never in the source row), and reconnecting replaces it", async () => {
    const workspaceId = await ensureWorkspace(database.db, "default");
    const store = await ensureStore(database.db, workspaceId, LOCAL_STORE);
    const { source, created } = await connectItemSource(database.db, {
      workspaceId,
      storeId: store.id,
      target: "linear:eng",
      token: TOKEN,
      credentialsKey: KEY,
    });
    expect(created).toBe(true);
    expect(source).toMatchObject({ provider: "linear", externalId: "ENG", fullName: "linear:ENG", branch: "team" });
    expect(JSON.stringify(source)).not.toContain(TOKEN);
    const [row] = await database.db.select().from(schema.sourceCredentials);
    expect(row!.sealed).not.toContain(TOKEN);
    expect(await loadCredential(database.db, KEY, source.id)).toBe(TOKEN);

    const again = await connectItemSource(database.db, { workspaceId, storeId: store.id, target: "linear:ENG", token: "lin_api_rotated", credentialsKey: KEY });
    expect(again).toMatchObject({ created: false, source: { id: source.id } });
    expect(await loadCredential(database.db, KEY, source.id)).toBe("lin_api_rotated");
    await expect(loadCredential(database.db, undefined, source.id)).rejects.toThrow(/TRIBUTARY_CREDENTIALS_KEY/);
  });

  it("rejects malformed targets and a token without a key, with the expected form in the message", async () => {
    const workspaceId = await ensureWorkspace(database.db, "default");
    const store = await ensureStore(database.db, workspaceId, LOCAL_STORE);
    await expect(connectItemSource(database.db, { workspaceId, storeId: store.id, target: "linear:not a key" })).rejects.toMatchObject({
      code: "bad_target",
      message: expect.stringContaining("linear:<team-key>"),
    });
    await expect(connectItemSource(database.db, { workspaceId, storeId: store.id, target: "notion:xyz" })).rejects.toMatchObject({ code: "bad_target" });
    await expect(connectItemSource(database.db, { workspaceId, storeId: store.id, target: "jira:ENG" })).rejects.toMatchObject({ code: "bad_target" });
    await expect(connectItemSource(database.db, { workspaceId, storeId: store.id, target: "slack:C0123", token: "xoxb-1" })).rejects.toMatchObject({
      code: "credentials_key",
    });
  });
});
