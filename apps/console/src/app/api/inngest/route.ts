import type { NextRequest } from "next/server";
import { serveNext as serve } from "@repo/console-inngest";
import { env } from "~/env";
import { getRuntime } from "~/server/runtime";
import { dataDirBusyResponse } from "~/server/unavailable";

export const dynamic = "force-dynamic";

// Every Tributary function, served to Inngest Cloud, `inngest dev` or inngest-local alike. The
// handler is built on the first request: building the app must not open the database.
type Handler = ReturnType<typeof serve>;
let handler: Promise<Handler> | undefined;

function getHandler(): Promise<Handler> {
  handler ??= getRuntime().then(
    ({ inngest, functions }) => serve({ client: inngest, functions, ...(env.INNGEST_SIGNING_KEY ? { signingKey: env.INNGEST_SIGNING_KEY } : {}) }),
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
  return served[method](request, context);
}

export const GET = (request: NextRequest, context: unknown) => handle("GET", request, context);
export const POST = (request: NextRequest, context: unknown) => handle("POST", request, context);
export const PUT = (request: NextRequest, context: unknown) => handle("PUT", request, context);
