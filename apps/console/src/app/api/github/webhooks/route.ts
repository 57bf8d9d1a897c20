import { DataDirInUseError } from "@repo/console-db";
import { env } from "~/env";
import { getRuntime, type ConsoleRuntime } from "~/server/runtime";
import { dataDirBusyResponse } from "~/server/unavailable";
import { readLimited } from "~/server/read-limited";
import { handleWebhook, MAX_WEBHOOK_BYTES } from "~/server/webhooks";

export const dynamic = "force-dynamic";

/** The longest a delivery keeps sync statements off PGlite's connection (a slow send lets them through). */
const HOLD_BACKGROUND_MS = 300;

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
    if (error instanceof DataDirInUseError) return dataDirBusyResponse(error);
    // Nothing was recorded or sent: GitHub shows a failed delivery that can be redelivered.
    return Response.json(
      { outcome: "failed", message: `the console cannot reach its database: ${error instanceof Error ? error.message : String(error)}` },
      { status: 503, headers: { "retry-after": "30" } },
    );
  }
  const secret = env.GITHUB_WEBHOOK_SECRET;
  const handle = () => handleWebhook({ db: runtime.database.db, inngest: runtime.inngest, secret, headers: request.headers, rawBody });
  // On PGlite's one connection: once the delivery is claimed, no sync statement starts while it is
  // sent to Inngest, so recording its outcome does not wait behind one (see holdBackground).
  const gate = runtime.database.gate;
  const reply = gate ? await gate.holdBackground(handle, HOLD_BACKGROUND_MS) : await handle();
  return Response.json(reply.body, { status: reply.status, ...(reply.headers ? { headers: reply.headers } : {}) });
}
