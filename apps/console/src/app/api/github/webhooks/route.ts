import { env } from "~/env";
import { getRuntime, type ConsoleRuntime } from "~/server/runtime";
import { dataDirBusyResponse } from "~/server/unavailable";
import { readLimited } from "~/server/read-limited";
import { handleWebhook, MAX_WEBHOOK_BYTES } from "~/server/webhooks";

export const dynamic = "force-dynamic";

const reject = (status: number, message: string) => Response.json({ outcome: "rejected", message }, { status });

/** GitHub deliveries: size-checked and read raw here; verified, recorded and dispatched by handleWebhook. */
export async function POST(request: Request): Promise<Response> {
  if (!env.GITHUB_WEBHOOK_SECRET) return reject(503, "GITHUB_WEBHOOK_SECRET is not configured");
  // The header is checked first so an oversized body is refused before it is read at all.
  if (Number(request.headers.get("content-length") ?? 0) > MAX_WEBHOOK_BYTES) return reject(413, "payload too large");
  const rawBody = await readLimited(request, MAX_WEBHOOK_BYTES);
  if (!rawBody) return reject(413, "payload too large");
  let runtime: ConsoleRuntime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    return dataDirBusyResponse(error);
  }
  const reply = await handleWebhook({ db: runtime.database.db, inngest: runtime.inngest, secret: env.GITHUB_WEBHOOK_SECRET, headers: request.headers, rawBody });
  return Response.json(reply.body, { status: reply.status });
}
