import { env } from "~/env";
import { getRuntime } from "~/server/runtime";
import { handleWebhook, MAX_WEBHOOK_BYTES } from "~/server/webhooks";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  if (!env.GITHUB_WEBHOOK_SECRET) return Response.json({ outcome: "rejected", message: "GITHUB_WEBHOOK_SECRET is not configured" }, { status: 503 });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_WEBHOOK_BYTES) return Response.json({ outcome: "rejected", message: "payload too large" }, { status: 413 });
  const rawBody = new Uint8Array(await request.arrayBuffer());
  if (rawBody.byteLength > MAX_WEBHOOK_BYTES) return Response.json({ outcome: "rejected", message: "payload too large" }, { status: 413 });
  const { database, inngest } = await getRuntime();
  const reply = await handleWebhook({ db: database.db, inngest, secret: env.GITHUB_WEBHOOK_SECRET, headers: request.headers, rawBody });
  return Response.json(reply.body, { status: reply.status });
}
