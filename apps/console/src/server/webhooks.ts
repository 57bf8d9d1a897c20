import { schema, type Db } from "@repo/console-db";
import { receiveWebhook, type GitHubEvent } from "@repo/console-github";
import { githubPushReceived, pauseSources, renameRepositorySources, type TributaryInngest } from "@repo/console-inngest";
import { and, eq } from "drizzle-orm";
import { z } from "zod";

/** GitHub caps payloads at 25 MB; anything larger is not a GitHub delivery. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

const HeadersSchema = z.object({
  "x-github-event": z.string().regex(/^[a-z_]{1,64}$/, "X-GitHub-Event must name an event"),
  "x-github-delivery": z.string().min(1).max(128),
});

export interface WebhookReply {
  status: number;
  body: { outcome: string; deliveryId?: string; message?: string };
}

type Outcome = "processed" | "ignored" | "failed";

/**
 * The webhook route's work: verify the raw body's signature before parsing it, record the
 * delivery once (its id is the idempotency key), and turn it into an Inngest event. Syncing
 * happens in the functions; this answers within GitHub's 10 s.
 */
export async function handleWebhook(input: { db: Db; inngest: TributaryInngest; secret: string; headers: Headers; rawBody: Uint8Array }): Promise<WebhookReply> {
  const verified = await receiveWebhook({ secret: input.secret, headers: input.headers, rawBody: input.rawBody });
  if (!verified.ok && verified.status === 401) return { status: 401, body: { outcome: "rejected", message: verified.message } };
  const headers = HeadersSchema.safeParse(Object.fromEntries(input.headers));
  if (!headers.success) return { status: 400, body: { outcome: "rejected", message: headers.error.issues.map((i) => i.message).join("; ") } };
  const deliveryId = headers.data["x-github-delivery"];
  const eventName = headers.data["x-github-event"];
  if (!verified.ok) {
    await recordOnce(input.db, { deliveryId, event: eventName, outcome: "failed", detail: verified.message });
    return { status: 400, body: { outcome: "failed", deliveryId, message: verified.message } };
  }

  const event = verified.event;
  const fresh = await recordOnce(input.db, { deliveryId, event: eventName, ...describe(event), outcome: "processed" });
  if (!fresh) return { status: 200, body: { outcome: "duplicate", deliveryId } };
  try {
    const { outcome, detail } = await dispatch(input.db, input.inngest, event);
    await setOutcome(input.db, deliveryId, outcome, detail);
    return { status: 202, body: { outcome, deliveryId, ...(detail ? { message: detail } : {}) } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await setOutcome(input.db, deliveryId, "failed", message);
    // 503 lets whoever redelivers from GitHub's UI try again; a failed delivery is re-processed.
    return { status: 503, body: { outcome: "failed", deliveryId, message } };
  }
}

async function dispatch(db: Db, inngest: TributaryInngest, event: GitHubEvent): Promise<{ outcome: Outcome; detail?: string }> {
  switch (event.kind) {
    case "push":
      await inngest.send(
        githubPushReceived.create({
          deliveryId: event.deliveryId,
          repositoryId: event.repository.id,
          repositoryFullName: event.repository.fullName,
          ref: `refs/heads/${event.branch}`,
          before: event.before,
          after: event.after,
          forced: event.forced,
          deleted: event.deleted,
          created: event.created,
          installationId: event.installationId,
        }),
      );
      return { outcome: "processed" };
    case "repository":
      if (event.action === "deleted") {
        const sources = await db.select({ id: schema.sources.id }).from(schema.sources).where(and(eq(schema.sources.provider, "github"), eq(schema.sources.externalId, String(event.repository.id))));
        await pauseSources(db, sources.map((s) => s.id), "repository deleted on GitHub");
        return { outcome: "processed", detail: `paused ${sources.length} source(s)` };
      }
      return { outcome: "processed", detail: `renamed ${await renameRepositorySources(db, event.repository.id, event.repository.fullName)} source(s)` };
    case "installation":
    case "installation_repositories":
      return { outcome: "ignored", detail: `${event.kind}.${event.action}: repositories are connected from the console` };
    case "ignored":
      return { outcome: "ignored", detail: event.reason };
  }
}

function describe(event: GitHubEvent): { action?: string; repositoryId?: string; repositoryFullName?: string } {
  if (event.kind === "push") return { action: event.deleted ? "deleted" : event.forced ? "forced" : "pushed", repositoryId: String(event.repository.id), repositoryFullName: event.repository.fullName };
  if (event.kind === "repository") return { action: event.action, repositoryId: String(event.repository.id), repositoryFullName: event.repository.fullName };
  if (event.kind === "ignored") return {};
  return { action: event.action };
}

/** Records a delivery; false when it was seen before (and did not fail). */
async function recordOnce(db: Db, row: typeof schema.webhookDeliveries.$inferInsert): Promise<boolean> {
  const [inserted] = await db.insert(schema.webhookDeliveries).values(row).onConflictDoNothing().returning({ id: schema.webhookDeliveries.deliveryId });
  if (inserted) return true;
  const [retried] = await db
    .update(schema.webhookDeliveries)
    .set({ outcome: row.outcome, detail: null, receivedAt: new Date() })
    .where(and(eq(schema.webhookDeliveries.deliveryId, row.deliveryId), eq(schema.webhookDeliveries.outcome, "failed")))
    .returning({ id: schema.webhookDeliveries.deliveryId });
  return retried !== undefined;
}

async function setOutcome(db: Db, deliveryId: string, outcome: Outcome, detail?: string): Promise<void> {
  await db.update(schema.webhookDeliveries).set({ outcome, detail: detail ?? null }).where(eq(schema.webhookDeliveries.deliveryId, deliveryId));
}
