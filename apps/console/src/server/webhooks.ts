import {
  claimWebhookDelivery,
  githubSourceIdsOfRepository,
  processedDeliveryWithReplayKey,
  setWebhookDeliveryOutcome,
  type Db,
  type NewWebhookDelivery,
} from "@repo/console-db";
import { receiveWebhook, type GitHubEvent } from "@repo/console-github";
import { githubPushReceived, pauseSources, recordSignatureFailure, renameRepositorySources, type TributaryInngest } from "@repo/console-inngest";
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
  headers?: Record<string, string>;
}

type Outcome = "processed" | "ignored" | "failed";

/** A claim older than this belongs to a handler that died mid-delivery; a redelivery may take it over. */
const STALE_CLAIM_MS = 60_000;
const RETRY_AFTER_SECONDS = "30";

/** The database could not record the delivery: nothing was sent, GitHub may redeliver. */
class RecordingUnavailable extends Error {}

const unavailable = (message: string, deliveryId?: string): WebhookReply => ({
  status: 503,
  body: { outcome: "failed", ...(deliveryId ? { deliveryId } : {}), message },
  headers: { "retry-after": RETRY_AFTER_SECONDS },
});

/**
 * The webhook route's work: verify the raw body's signature before parsing it, then record the
 * delivery and hand it to Inngest as one outcome. The delivery is claimed first, marked processed
 * only once its event was sent, and a failed send answers 503 — so GitHub shows a failed delivery
 * whose redelivery is processed, never a "duplicate" of something that did not happen. A push
 * body already processed under another delivery id (the id header is not signed) is a replay.
 * With the database down nothing is sent and the answer is 503 with Retry-After.
 */
export async function handleWebhook(input: {
  db: Db;
  inngest: TributaryInngest;
  secret: string;
  headers: Headers;
  rawBody: Uint8Array;
}): Promise<WebhookReply> {
  const verified = await receiveWebhook({ secret: input.secret, headers: input.headers, rawBody: input.rawBody });
  if (!verified.ok && verified.status === 401) {
    // Counted for the signature-failure burst alert; a database that is down must not turn a 401 into a 5xx.
    const deliveryId = input.headers.get("x-github-delivery");
    await recordSignatureFailure(input.db, { deliveryId, reason: verified.message }).catch(() => undefined);
    return { status: 401, body: { outcome: "rejected", message: verified.message } };
  }
  const headers = HeadersSchema.safeParse(Object.fromEntries(input.headers));
  if (!headers.success) return { status: 400, body: { outcome: "rejected", message: headers.error.issues.map((i) => i.message).join("; ") } };
  const deliveryId = headers.data["x-github-delivery"];
  const eventName = headers.data["x-github-event"];
  try {
    if (!verified.ok) {
      await recording(() => claim(input.db, { deliveryId, event: eventName, outcome: "failed", detail: verified.message }));
      return { status: 400, body: { outcome: "failed", deliveryId, message: verified.message } };
    }
    const event = verified.event;
    const replayKey = replayKeyOf(event);
    const claimed = await recording(() => claim(input.db, { deliveryId, event: eventName, ...describe(event), replayKey, outcome: "received" }));
    if (!claimed) return { status: 200, body: { outcome: "duplicate", deliveryId } };
    const original = replayKey ? await recording(() => processedDeliveryWithReplayKey(input.db, replayKey, deliveryId)) : undefined;
    if (original) {
      const detail = `replay of delivery ${original}: the same push was already processed`;
      await recording(() => setWebhookDeliveryOutcome(input.db, deliveryId, "duplicate", detail));
      return { status: 200, body: { outcome: "duplicate", deliveryId, message: detail } };
    }
    let dispatched: { outcome: Outcome; detail?: string };
    try {
      dispatched = await dispatch(input.db, input.inngest, event);
    } catch (error) {
      const message = `could not hand the delivery to Inngest: ${error instanceof Error ? error.message : String(error)}`;
      await recording(() => setWebhookDeliveryOutcome(input.db, deliveryId, "failed", message));
      // GitHub does not redeliver on its own; a 5xx marks the delivery failed so it can be redelivered.
      return unavailable(message, deliveryId);
    }
    await recording(() => setWebhookDeliveryOutcome(input.db, deliveryId, dispatched.outcome, dispatched.detail));
    return { status: 202, body: { outcome: dispatched.outcome, deliveryId, ...(dispatched.detail ? { message: dispatched.detail } : {}) } };
  } catch (error) {
    if (error instanceof RecordingUnavailable) return unavailable(error.message, deliveryId);
    throw error;
  }
}

async function recording<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw new RecordingUnavailable(
      `the delivery could not be recorded (database unavailable: ${error instanceof Error ? error.message : String(error)}); redeliver it later`,
    );
  }
}

/** What the delivery says, whatever its id: the same push replayed has the same key. */
function replayKeyOf(event: GitHubEvent): string | null {
  if (event.kind !== "push") return null;
  return `push:${event.repository.id}:${event.branch}:${event.before}:${event.after}:${event.pushedAt ?? ""}`;
}

async function dispatch(db: Db, inngest: TributaryInngest, event: GitHubEvent): Promise<{ outcome: Outcome; detail?: string }> {
  switch (event.kind) {
    case "push":
      await inngest.send({
        // One event per delivery however often it is redelivered (Inngest drops repeated ids).
        id: `github-delivery-${event.deliveryId}`,
        ...githubPushReceived.create({
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
      });
      return { outcome: "processed" };
    case "repository":
      if (event.action === "deleted") {
        const sourceIds = await githubSourceIdsOfRepository(db, event.repository.id);
        await pauseSources(db, sourceIds, "repository deleted on GitHub");
        return { outcome: "processed", detail: `paused ${sourceIds.length} source(s)` };
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
  if (event.kind === "push")
    return {
      action: event.deleted ? "deleted" : event.forced ? "forced" : "pushed",
      repositoryId: String(event.repository.id),
      repositoryFullName: event.repository.fullName,
    };
  if (event.kind === "repository") return { action: event.action, repositoryId: String(event.repository.id), repositoryFullName: event.repository.fullName };
  if (event.kind === "ignored") return {};
  return { action: event.action };
}

/** Claims a delivery for this handler (see claimWebhookDelivery); a claim older than STALE_CLAIM_MS is taken over. */
const claim = (db: Db, row: NewWebhookDelivery) => claimWebhookDelivery(db, row, new Date(Date.now() - STALE_CLAIM_MS));
