import { desc, sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, idColumn, oneOf } from "./columns";
import { sources } from "./sources";
import { workspaces } from "./workspaces";

/** Append-only audit of user and system actions (activity.record). */
export const activities = pgTable(
  "activities",
  {
    id: idColumn("act"),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** "system", "cli", "user:<id>", "github:<login>". */
    actor: text("actor").notNull(),
    /** e.g. "source.connected", "sync.finished". */
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("activities_workspace_created_idx").on(t.workspaceId, desc(t.createdAt)), index("activities_subject_idx").on(t.subjectType, t.subjectId)],
);

export const ALERT_SEVERITIES = ["info", "warning", "critical"] as const;

/**
 * Open problems shown in the console. At most one open alert per (source, kind): raise with
 * onConflictDoNothing, resolve by setting resolved_at.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: idColumn("alr"),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    sourceId: text("source_id").references(() => sources.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    severity: text("severity", { enum: ALERT_SEVERITIES }).notNull(),
    message: text("message").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** When the raise / the resolved notice reached the alert webhook (null: not sent yet, or no webhook). */
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    resolvedNotifiedAt: timestamp("resolved_notified_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("alerts_open_unique").on(t.sourceId, t.kind).where(sql`${t.resolvedAt} is null`),
    // Workspace-wide alerts (no source) are open once per kind too: nulls are distinct above.
    uniqueIndex("alerts_open_workspace_unique").on(t.workspaceId, t.kind).where(sql`${t.sourceId} is null and ${t.resolvedAt} is null`),
    index("alerts_workspace_open_idx").on(t.workspaceId, t.createdAt).where(sql`${t.resolvedAt} is null`),
    oneOf("alerts_severity_check", t.severity, ALERT_SEVERITIES),
  ],
);
