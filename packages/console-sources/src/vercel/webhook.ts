import { createHmac, timingSafeEqual } from "node:crypto";
import type { WebhookVerdict } from "@repo/console-types";
import { z } from "zod";

const WebhookSchema = z.object({
  id: z.string().optional(),
  type: z.string(),
  payload: z
    .object({
      deployment: z.object({ id: z.string() }).optional(),
      project: z.object({ id: z.string() }).optional(),
      projectId: z.string().optional(),
    })
    .optional(),
});

/**
 * Verifies a Vercel webhook (`x-vercel-signature`: hex HMAC-SHA1 of the raw body with the
 * webhook's secret, or the integration's client secret) before parsing it. Vercel signs no
 * timestamp, so replays are the route's to drop by the body's `id`.
 */
export function verifyVercelWebhook(input: { secret: string; rawBody: string; headers: Record<string, string | string[] | undefined> }): WebhookVerdict {
  const raw = input.headers["x-vercel-signature"];
  const signature = Array.isArray(raw) ? raw[0] : raw;
  if (!signature) return { ok: false, status: 401, message: "missing x-vercel-signature" };
  const expected = Buffer.from(createHmac("sha1", input.secret).update(input.rawBody).digest("hex"));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, status: 401, message: "Vercel signature does not match" };
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody);
  } catch {
    return { ok: false, status: 400, message: "Vercel webhook body is not JSON" };
  }
  const parsed = WebhookSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, message: "Vercel webhook body has no type" };
  const { type, payload } = parsed.data;
  const project = payload?.project?.id ?? payload?.projectId;
  if (type.startsWith("deployment.") && payload?.deployment) {
    return { ok: true, kind: "sync", scope: project ?? "team", reason: type, recheck: [`deployment:${payload.deployment.id}`] };
  }
  if (type === "project.created" || type === "project.removed") return { ok: true, kind: "sync", scope: project ?? "team", reason: type };
  return { ok: true, kind: "ignored", reason: `event ${type} is not read` };
}
