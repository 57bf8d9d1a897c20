import type { NextRequest } from "next/server";
import { withDbPriority } from "@repo/console-db";
import { serveNext as serve } from "@repo/console-inngest";
import { inngestSettings } from "~/server/deployment";
import { getRuntime } from "~/server/runtime";
import { dataDirBusyResponse } from "~/server/unavailable";

export const dynamic = "force-dynamic";

// Every Tributary function, served to Inngest Cloud, `inngest dev` or inngest-local alike. The
// handler is built on the first request: building the app must not open the database.
// Outside dev mode every request must carry Inngest's signature: `enableUnauthedSync: false`
// turns away the SDK's unsigned out-of-band sync (a bare PUT that makes the SDK register the URL
// it was reached at, Host header included, with Inngest), and serveOrigin pins that URL.
type Handler = ReturnType<typeof serve>;
let handler: Promise<Handler> | undefined;

function getHandler(): Promise<Handler> {
  handler ??= getRuntime().then(
    ({ inngest, functions }) => {
      const { signingKey, serveOrigin } = inngestSettings();
      return serve({ client: inngest, functions, enableUnauthedSync: false, ...(signingKey ? { signingKey } : {}), ...(serveOrigin ? { serveOrigin } : {}) });
    },
    (error: unknown) => {
      // A failed open (e.g. the data directory is busy) is retried on the next request.
      handler = undefined;
      throw error;
    },
  );
  return handler;
}

async function handle(method: "GET" | "POST" | "PUT", request: NextRequest, context: unknown): Promise<Response> {
  let served: Handler;
  try {
    served = await getHandler();
  } catch (error) {
    return dataDirBusyResponse(error);
  }
  // Sync work: on PGlite's one connection, pages and webhooks go first (see PriorityGate).
  return withDbPriority("background", () => served[method](request, context));
}

export const GET = (request: NextRequest, context: unknown) => handle("GET", request, context);
export const POST = (request: NextRequest, context: unknown) => handle("POST", request, context);
export const PUT = (request: NextRequest, context: unknown) => handle("PUT", request, context);
