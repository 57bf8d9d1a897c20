import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { getRuntime } from "~/server/runtime";

// Every Tributary function, served to Inngest Cloud, `inngest dev` or inngest-local alike. The
// handler is built on the first request: building the app must not open the database.
let handler: Promise<ReturnType<typeof serve>> | undefined;
const getHandler = () => (handler ??= getRuntime().then(({ inngest, functions }) => serve({ client: inngest, functions })));

export async function GET(request: NextRequest, context: unknown) {
  return (await getHandler()).GET(request, context);
}
export async function POST(request: NextRequest, context: unknown) {
  return (await getHandler()).POST(request, context);
}
export async function PUT(request: NextRequest, context: unknown) {
  return (await getHandler()).PUT(request, context);
}
export const dynamic = "force-dynamic";
