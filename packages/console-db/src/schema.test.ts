import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./db-types";
import { newId } from "./ids";
import { queryRows } from "./query-rows";
import * as schema from "./schema";
import { CHECK_VIOLATION, expectSqlState, FOREIGN_KEY_VIOLATION, UNIQUE_VIOLATION } from "./testing/expect-pg-error";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "./testing/open-test-database";
import { seedWorkspaceStore } from "./testing/seed-store";

const { workspaces, stores, sources, documents, syncRequests, syncJobs, syncBatches, syncJobFiles, blobStaging } = schema;

async function seedSources(db: Db) {
  const { ws, store } = await seedWorkspaceStore(db);
  const base = { workspaceId: ws!.id, storeId: store!.id, provider: "github" as const, branch: "main" };
  const [a, b] = await db
    .insert(sources)
    .values([
      { ...base, externalId: "101", fullName: "acme/api", owner: "acme", name: "api", location: "https://github.com/acme/api" },
      { ...base, externalId: "102", fullName: "acme/web", owner: "acme", name: "web", location: "https://github.com/acme/web" },
    ])
    .returning();
  return { ws: ws!, store: store!, a: a!, b: b! };
}

const document = (sourceId: string, path: string, blobSha: string) => ({
  sourceId,
  path,
  blobSha,
  chunkHashes: ["h1", "h2"],
  chunkCount: 2,
  outcome: "indexed" as const,
  commit: "c1",
});

describe.each<TestDatabaseKind>(["postgres", "pglite-memory"])("schema on %s", (kind) => {
  let handle: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    handle = await openTestDatabase(kind);
    db = handle.db;
  });
  afterAll(async () => handle?.dispose());

  it("keeps identical paths of two sources apart and rejects a duplicate (source, path)", async () => {
    const { a, b } = await seedSources(db);
    expect(a.id).toMatch(/^src_[a-z0-9]{20}$/);
    await db.insert(documents).values([document(a.id, "README.md", "sha-a"), document(b.id, "README.md", "sha-b")]);
    const readmes = await db.select().from(documents).where(eq(documents.path, "README.md"));
    expect(
      readmes
        .filter((d) => d.sourceId === a.id || d.sourceId === b.id)
        .map((d) => d.blobSha)
        .sort(),
    ).toEqual(["sha-a", "sha-b"]);
    expect(readmes.find((d) => d.sourceId === a.id)!.chunkHashes).toEqual(["h1", "h2"]);

    await expectSqlState(db.insert(documents).values(document(a.id, "README.md", "sha-x")), UNIQUE_VIOLATION);
    // The manifest write path: upsert on (source, path).
    await db
      .insert(documents)
      .values(document(a.id, "README.md", "sha-a2"))
      .onConflictDoUpdate({ target: [documents.sourceId, documents.path], set: { blobSha: "sha-a2" } });
    const [updated] = await db
      .select()
      .from(documents)
      .where(and(eq(documents.sourceId, a.id), eq(documents.path, "README.md")));
    expect(updated!.blobSha).toBe("sha-a2");
  });

  it("rejects a second source for the same repo in one workspace, and unknown enum values", async () => {
    const { a } = await seedSources(db);
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = a;
    await expectSqlState(db.insert(sources).values(copy), UNIQUE_VIOLATION);
    await expectSqlState(db.execute(sql`update sources set status = 'exploded' where id = ${a.id}`), CHECK_VIOLATION);
  });

  it("records a job with its plan, per-file outcomes, staged blobs and consumed requests", async () => {
    const { a } = await seedSources(db);
    await db.insert(syncRequests).values([
      { sourceId: a.id, trigger: "push", requestedSha: "s1", deliveryId: "d1" },
      { sourceId: a.id, trigger: "push", requestedSha: "s2", deliveryId: "d2" },
    ]);
    // A retried step re-inserting the same delivery changes nothing.
    const again = await db
      .insert(syncRequests)
      .values({ sourceId: a.id, trigger: "push", requestedSha: "s1", deliveryId: "d1" })
      .onConflictDoNothing()
      .returning();
    expect(again).toEqual([]);

    const [job] = await db.insert(syncJobs).values({ sourceId: a.id, trigger: "push", requestedSha: "s2", batchesTotal: 2 }).returning();
    expect(job!.status).toBe("queued");
    expect(job!.skippedByReason).toEqual({});
    const consumed = await db
      .update(syncRequests)
      .set({ consumedByJobId: job!.id })
      .where(and(eq(syncRequests.sourceId, a.id), isNull(syncRequests.consumedByJobId)))
      .returning();
    expect(consumed).toHaveLength(2);

    await db.insert(syncBatches).values([
      { jobId: job!.id, seq: 0, kind: "upsert", files: [{ path: "a.ts", sha: "b1", action: "add" }] },
      { jobId: job!.id, seq: 1, kind: "delete", files: [{ path: "old.ts", sha: "b0", action: "delete" }] },
    ]);
    await expectSqlState(db.insert(syncBatches).values({ jobId: job!.id, seq: 1, kind: "upsert", files: [] }), UNIQUE_VIOLATION);
    const batches = await db.select().from(syncBatches).where(eq(syncBatches.jobId, job!.id)).orderBy(syncBatches.seq);
    expect(batches.map((b) => [b.seq, b.kind, b.status, b.files[0]!.path])).toEqual([
      [0, "upsert", "pending", "a.ts"],
      [1, "delete", "pending", "old.ts"],
    ]);

    await db.insert(syncJobFiles).values({ jobId: job!.id, path: "logo.png", outcome: "skipped", reason: "binary" });
    await db
      .insert(syncJobFiles)
      .values({ jobId: job!.id, path: "logo.png", outcome: "failed", error: "boom" })
      .onConflictDoUpdate({ target: [syncJobFiles.jobId, syncJobFiles.path], set: { outcome: "failed", error: "boom" } });
    expect((await db.select().from(syncJobFiles).where(eq(syncJobFiles.jobId, job!.id))).map((f) => f.outcome)).toEqual(["failed"]);

    const content = new Uint8Array([0, 1, 2, 255, 0x1f, 0x8b]);
    await db.insert(blobStaging).values({ jobId: job!.id, sha: "b1", content, bytes: content.byteLength });
    const [staged] = await db.select().from(blobStaging).where(eq(blobStaging.jobId, job!.id));
    expect(Array.from(staged!.content)).toEqual(Array.from(content));
    // Staged contents are stored as they are (0011_toast_storage): a large, very compressible
    // file goes out of line without pglz, and comes back byte for byte.
    const large = new TextEncoder().encode("export const x = 1;\n".repeat(2000));
    await db.insert(blobStaging).values({ jobId: job!.id, sha: "b2", content: large, bytes: large.byteLength });
    const [stored] = await queryRows(
      db,
      sql`select pg_column_compression(content) as compression, pg_column_size(content)::int as size from blob_staging where job_id = ${job!.id} and sha = 'b2'`,
    );
    expect(stored).toEqual({ compression: null, size: large.byteLength });
    const [back] = await db
      .select()
      .from(blobStaging)
      .where(and(eq(blobStaging.jobId, job!.id), eq(blobStaging.sha, "b2")));
    expect(Buffer.from(back!.content).equals(Buffer.from(large))).toBe(true);

    // Deleting the job removes its plan and staging; its requests stay, marked as unconsumed.
    await db.delete(syncJobs).where(eq(syncJobs.id, job!.id));
    expect(await db.select().from(syncBatches).where(eq(syncBatches.jobId, job!.id))).toEqual([]);
    expect(await db.select().from(blobStaging).where(eq(blobStaging.jobId, job!.id))).toEqual([]);
    const pending = await db
      .select()
      .from(syncRequests)
      .where(and(eq(syncRequests.sourceId, a.id), isNull(syncRequests.consumedByJobId)));
    expect(pending).toHaveLength(2);
  });

  it("deletes a workspace with everything in it, but not a store that still has sources", async () => {
    const { ws, store, a } = await seedSources(db);
    await db.insert(documents).values(document(a.id, "README.md", "sha"));
    await expectSqlState(db.delete(stores).where(eq(stores.id, store.id)), FOREIGN_KEY_VIOLATION);
    await db.delete(workspaces).where(eq(workspaces.id, ws.id));
    expect(await db.select().from(sources).where(eq(sources.workspaceId, ws.id))).toEqual([]);
    expect(await db.select().from(documents).where(eq(documents.sourceId, a.id))).toEqual([]);
  });

  it("dedupes webhook deliveries, relationship edges and open alerts", async () => {
    const { ws, a } = await seedSources(db);
    const delivery = { deliveryId: newId("dlv"), event: "push", repositoryId: "101", repositoryFullName: "acme/api" };
    expect(await db.insert(schema.webhookDeliveries).values(delivery).onConflictDoNothing().returning()).toHaveLength(1);
    expect(await db.insert(schema.webhookDeliveries).values(delivery).onConflictDoNothing().returning()).toHaveLength(0);

    const edge = { sourceId: a.id, fromPath: "src/a.ts", fromBlobSha: "b1", kind: "import" as const, target: "./b", targetPath: "src/b.ts" };
    await db.insert(schema.relationships).values(edge);
    await expectSqlState(db.insert(schema.relationships).values(edge), UNIQUE_VIOLATION);
    const incoming = await db.select().from(schema.relationships).where(eq(schema.relationships.targetPath, "src/b.ts"));
    expect(incoming.filter((r) => r.sourceId === a.id)).toHaveLength(1);

    const alert = { workspaceId: ws.id, sourceId: a.id, kind: "sync-failed", severity: "warning" as const, message: "m" };
    await db.insert(schema.alerts).values(alert);
    await expectSqlState(db.insert(schema.alerts).values(alert), UNIQUE_VIOLATION);
    await db.update(schema.alerts).set({ resolvedAt: new Date() }).where(eq(schema.alerts.sourceId, a.id));
    await db.insert(schema.alerts).values(alert);
    // Without a source (workspace-wide), open once per (workspace, kind) too.
    const wide = { ...alert, sourceId: null, kind: "webhook-signature-failures" };
    await db.insert(schema.alerts).values(wide);
    await expectSqlState(db.insert(schema.alerts).values(wide), UNIQUE_VIOLATION);
    await db.insert(schema.alerts).values({ ...wide, sourceId: a.id });

    await db
      .insert(schema.activities)
      .values({ workspaceId: ws.id, actor: "system", action: "source.connected", subjectType: "source", subjectId: a.id, data: { branch: "main" } });
    const [activity] = await db.select().from(schema.activities).where(eq(schema.activities.subjectId, a.id));
    expect(activity!.data).toEqual({ branch: "main" });
  });
});
