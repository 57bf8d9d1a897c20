import { ITEM_PROVIDERS, type ItemProvider } from "@repo/console-types";
import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { createdAt, idColumn, oneOf, updatedAt } from "./columns";
import { stores, workspaces } from "./workspaces";

/** Git sources plan by tree diff; the others (item sources) plan from their connector's change listing. */
export const SOURCE_PROVIDERS = ["github", "local", ...ITEM_PROVIDERS] as const;
export type SourceProvider = (typeof SOURCE_PROVIDERS)[number];
export { ITEM_PROVIDERS, type ItemProvider };
export const SOURCE_STATUSES = ["active", "paused", "removed"] as const;
export type SourceStatus = (typeof SOURCE_STATUSES)[number];

/**
 * A repository + branch feeding one store. Identity is the provider's repo id (`external_id`),
 * not its name, so a GitHub rename keeps documents and vectors.
 */
export const sources = pgTable(
  "sources",
  {
    id: idColumn("src"),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    storeId: text("store_id")
      .notNull()
      // NO ACTION (checked at statement end): deleting a workspace cascades through both, while
      // deleting a store that still has sources fails.
      .references(() => stores.id, { onDelete: "no action" }),
    provider: text("provider", { enum: SOURCE_PROVIDERS }).notNull(),
    /**
     * GitHub: the numeric repository id as text. Local: the repository's real path. Item sources:
     * the connect target's scope, e.g. `ENG` (linear), `workspace` or a page id (notion).
     */
    externalId: text("external_id").notNull(),
    /** "owner/name" (GitHub) or the directory name (local); display only, may change. */
    fullName: text("full_name").notNull(),
    owner: text("owner"),
    name: text("name").notNull(),
    /** GitHub: the https URL. Local: the absolute path. */
    location: text("location").notNull(),
    /** Item sources have no branch: it holds the kind of scope instead (`team`, `workspace`, `page`, `channel`, `project`). */
    branch: text("branch").notNull(),
    status: text("status", { enum: SOURCE_STATUSES }).notNull().default("active"),
    /** Why the source is paused or removed, e.g. "branch deleted". */
    statusReason: text("status_reason"),
    /** The commit the index fully reflects; advances only when every batch of a sync succeeded. */
    syncedCommit: text("synced_commit"),
    /**
     * Item sources: the connector's cursor the index fully reflects (advanced with synced_commit,
     * which then holds a short digest of it so manifest rows and summaries stay small).
     */
    syncedPosition: text("synced_position"),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
    syncIntervalMinutes: integer("sync_interval_minutes").notNull().default(60),
    /** When schedule.sync last looked at this source (queued a sync or found its head unmoved). */
    scheduleCheckedAt: timestamp("schedule_checked_at", { withTimezone: true }),
    /** The effective tributary.yml (defaults applied) of the last sync. */
    config: jsonb("config").$type<Record<string, unknown>>(),
    lastError: text("last_error"),
    /** GitHub App installation, when the source is reached through one. */
    installationId: bigint("installation_id", { mode: "number" }),
    /**
     * Counts connections: a removed source that is connected again gets the next number, so the
     * connect event of each connection is its own (Inngest idempotency keys last 24 h).
     */
    connection: integer("connection").notNull().default(1),
    /**
     * The one job (or `removal:<connection>`) allowed to move this source forward. Every write of
     * a job checks it; a holder that shows no sign of life until `lease_expires_at` is taken over.
     */
    leaseHolder: text("lease_holder"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    /**
     * Set when vectors may disagree with the manifest (a holder was taken over, or a superseded
     * job wrote after losing its lease); the next job to finish reconciles vectors with the manifest.
     */
    needsReconcile: boolean("needs_reconcile").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("sources_workspace_provider_external_unique").on(t.workspaceId, t.provider, t.externalId),
    // Webhooks name a repository, not a workspace: find every source of that repo.
    index("sources_provider_external_idx").on(t.provider, t.externalId),
    index("sources_store_idx").on(t.storeId),
    // schedule.sync: active sources ordered by how stale they are.
    index("sources_due_idx").on(t.syncedAt).where(sql`${t.status} = 'active'`),
    oneOf("sources_provider_check", t.provider, SOURCE_PROVIDERS),
    oneOf("sources_status_check", t.status, SOURCE_STATUSES),
  ],
);
