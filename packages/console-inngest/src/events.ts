import { ITEM_PROVIDERS } from "@repo/console-db";
import { eventType } from "inngest";
import { JobStatusSchema } from "@repo/console-types";
import { z } from "zod";

// Every event Tributary sends. Payloads carry ids, shas and counts only: contents travel through
// the database (Inngest caps events at 256 KiB and step outputs at 4 MiB).

export const SyncTriggerSchema = z.enum(["connect", "push", "webhook", "schedule", "manual", "cli", "reconcile", "recovery"]);
export type SyncTrigger = z.infer<typeof SyncTriggerSchema>;

export const sourceConnected = eventType("tributary/source.connected", {
  schema: z.object({
    sourceId: z.string(),
    /** `${sourceId}:${connection}`: connecting again after a removal is a new connection, never a duplicate. */
    connectionKey: z.string(),
    actor: z.string(),
  }),
});

export const githubPushReceived = eventType("tributary/github.push", {
  schema: z.object({
    deliveryId: z.string(),
    repositoryId: z.number().int(),
    repositoryFullName: z.string(),
    ref: z.string(),
    before: z.string(),
    after: z.string(),
    forced: z.boolean(),
    deleted: z.boolean(),
    created: z.boolean(),
    installationId: z.number().int().nullable(),
  }),
});

/**
 * A verified item-source webhook (the route ran the provider's verifier and got a `sync` verdict).
 * Carries ids only: never the payload, never a secret.
 */
export const itemWebhookReceived = eventType("tributary/items.webhook", {
  schema: z.object({
    provider: z.enum(ITEM_PROVIDERS),
    /** WebhookVerdict.scope: `linear:ENG`, `linear`, `notion`, a Slack channel id, a Vercel project id or `team`. */
    scope: z.string(),
    /** WebhookVerdict.recheck: item ids to re-read whatever the cursor says. */
    recheck: z.array(z.string()).max(1000).optional(),
    /** The delivery's id header when the service sends one: a redelivery queues nothing twice. */
    deliveryId: z.string().optional(),
    reason: z.string(),
  }),
});

export const syncRequested = eventType("tributary/source.sync.requested", {
  schema: z.object({
    sourceId: z.string(),
    requestId: z.string(),
    /** A pushed sha; null means the branch head at sync time. */
    commit: z.string().nullable(),
    trigger: SyncTriggerSchema,
  }),
});

export const contentsRequested = eventType("tributary/job.contents.requested", {
  schema: z.object({ jobId: z.string() }),
});

export const batchReady = eventType("tributary/batch.ready", {
  schema: z.object({ jobId: z.string(), batchId: z.string() }),
});

export const deleteRequested = eventType("tributary/documents.delete.requested", {
  schema: z.object({
    /** Either one delete batch of a job, or a whole source being removed. */
    jobId: z.string().optional(),
    batchId: z.string().optional(),
    sourceId: z.string().optional(),
    /** The connection being removed (a reconnect starts the next one; its data is not touched). */
    connection: z.number().int().optional(),
  }),
});

export const batchesCompleted = eventType("tributary/job.batches.completed", {
  schema: z.object({ jobId: z.string() }),
});

export const activityRecorded = eventType("tributary/activity.recorded", {
  schema: z.object({
    workspaceId: z.string(),
    actor: z.string(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    data: z.record(z.string(), z.unknown()),
  }),
});

/** A job (or a removal) let go of its source; runs waiting for the source re-check at once. */
export const sourceReleased = eventType("tributary/source.released", {
  schema: z.object({ sourceId: z.string() }),
});

/** A sync job ended (any status): recovery and the alert rules start from here. */
export const jobFinished = eventType("tributary/job.finished", {
  schema: z.object({
    sourceId: z.string(),
    jobId: z.string(),
    status: JobStatusSchema,
    /** False when the job failed for a reason a retry cannot fix (bad credentials, an invalid tributary.yml). */
    retryable: z.boolean(),
  }),
});

/** Re-evaluate a source's alert rules now (after a job, a recovery decision or a dead letter). */
export const alertsEvaluate = eventType("tributary/alerts.evaluate", {
  schema: z.object({ sourceId: z.string().nullable() }),
});

/** cleanup.stale for one source: the daily fan-out, the console or `tributary cleanup`. */
export const cleanupRequested = eventType("tributary/source.cleanup.requested", {
  schema: z.object({
    sourceId: z.string(),
    /** Runs even a plan that deletes more than half of the source (after a human looked). */
    force: z.boolean().optional(),
    actor: z.string(),
  }),
});
