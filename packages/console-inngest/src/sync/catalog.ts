import { schema, type Db, type DbExecutor, type SourceRow, type StoreRow } from "@repo/console-db";
import { TributaryError } from "@repo/console-types";
import { NonRetriableError } from "inngest";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { sourceConnected } from "../events";

export async function loadStore(db: DbExecutor, storeId: string): Promise<StoreRow> {
  const [store] = await db.select().from(schema.stores).where(eq(schema.stores.id, storeId));
  if (!store) throw new NonRetriableError(`store ${storeId} does not exist`);
  return store;
}

export async function ensureWorkspace(db: Db, slug: string, name = slug): Promise<string> {
  await db.insert(schema.workspaces).values({ slug, name }).onConflictDoNothing();
  const [row] = await db.select({ id: schema.workspaces.id }).from(schema.workspaces).where(eq(schema.workspaces.slug, slug));
  return row!.id;
}

export type StoreSpec = Pick<
  typeof schema.stores.$inferInsert,
  "name" | "embeddingProvider" | "embeddingModel" | "embeddingDimensions" | "vectorBackend" | "vectorConfig" | "chunking"
>;

/** The store with this name, created from `spec` if missing; an existing store must match its model. */
export async function ensureStore(db: Db, workspaceId: string, spec: StoreSpec): Promise<StoreRow> {
  await db
    .insert(schema.stores)
    .values({ workspaceId, ...spec })
    .onConflictDoNothing();
  const [store] = await db
    .select()
    .from(schema.stores)
    .where(and(eq(schema.stores.workspaceId, workspaceId), eq(schema.stores.name, spec.name)));
  if (!store) throw new Error(`store ${spec.name} could not be created`);
  const same =
    store.embeddingProvider === spec.embeddingProvider &&
    store.embeddingModel === spec.embeddingModel &&
    store.embeddingDimensions === spec.embeddingDimensions &&
    store.vectorBackend === spec.vectorBackend;
  if (!same) {
    throw new TributaryError({
      code: "store-mismatch",
      retryable: false,
      message:
        `store "${spec.name}" holds ${store.embeddingProvider}/${store.embeddingModel} (${store.embeddingDimensions} dims, ${store.vectorBackend}); ` +
        `it cannot take ${spec.embeddingProvider}/${spec.embeddingModel} (${spec.embeddingDimensions} dims, ${spec.vectorBackend}). Use another store name or data directory.`,
    });
  }
  return store;
}

export type SourceSpec = Pick<
  typeof schema.sources.$inferInsert,
  "provider" | "externalId" | "fullName" | "owner" | "name" | "location" | "branch" | "installationId" | "syncIntervalMinutes"
>;

/**
 * Connects a repository (idempotent on workspace + provider + repo id). A removed source comes back
 * as its next connection: a new connect event (its own idempotency key) and a reconcile on its
 * first sync, in case a job of the old connection wrote after the removal cleared the index.
 */
export async function connectSource(db: DbExecutor, workspaceId: string, storeId: string, spec: SourceSpec): Promise<{ source: SourceRow; created: boolean }> {
  const [inserted] = await db
    .insert(schema.sources)
    .values({ workspaceId, storeId, ...spec })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { source: inserted, created: true };
  const [updated] = await db
    .update(schema.sources)
    .set({
      fullName: spec.fullName,
      location: spec.location,
      branch: spec.branch,
      status: "active",
      statusReason: null,
      connection: sql`case when ${schema.sources.status} = 'removed' then ${schema.sources.connection} + 1 else ${schema.sources.connection} end`,
      needsReconcile: sql`${schema.sources.needsReconcile} or ${schema.sources.status} = 'removed'`,
    })
    .where(and(eq(schema.sources.workspaceId, workspaceId), eq(schema.sources.provider, spec.provider), eq(schema.sources.externalId, spec.externalId)))
    .returning();
  return { source: updated!, created: false };
}

/** The connect event of a source's current connection. */
export function connectedEvent(source: Pick<SourceRow, "id" | "connection">, actor: string) {
  return sourceConnected.create({ sourceId: source.id, connectionKey: `${source.id}:${source.connection}`, actor });
}

/** GitHub sources of a repository and branch (webhooks name repositories, not workspaces). */
export async function sourcesForPush(db: Db, repositoryId: number, branch: string): Promise<SourceRow[]> {
  return db
    .select()
    .from(schema.sources)
    .where(
      and(
        eq(schema.sources.provider, "github"),
        eq(schema.sources.externalId, String(repositoryId)),
        eq(schema.sources.branch, branch),
        inArray(schema.sources.status, ["active", "paused"]),
      ),
    );
}

export async function pauseSources(db: Db, sourceIds: readonly string[], reason: string): Promise<void> {
  if (sourceIds.length === 0) return;
  await db
    .update(schema.sources)
    .set({ status: "paused", statusReason: reason })
    .where(inArray(schema.sources.id, [...sourceIds]));
}

/**
 * Keeps display names in step with GitHub: identity is the repository id, so a renamed or
 * transferred repository keeps its documents and vectors; only owner/name change.
 */
export async function renameRepositorySources(db: Db, repositoryId: number, fullName: string): Promise<number> {
  const [owner, name] = fullName.split("/");
  if (!owner || !name) return 0;
  const updated = await db
    .update(schema.sources)
    .set({ fullName, owner, name, location: `https://github.com/${fullName}` })
    .where(and(eq(schema.sources.provider, "github"), eq(schema.sources.externalId, String(repositoryId)), ne(schema.sources.fullName, fullName)))
    .returning({ id: schema.sources.id });
  return updated.length;
}
