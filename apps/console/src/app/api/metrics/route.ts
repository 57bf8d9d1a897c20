import { timingSafeEqual } from "node:crypto";
import { cpuPool, readMetricFigures } from "@repo/console-inngest";
import { env } from "~/env";
import { renderMetrics } from "~/server/metrics";
import { getRuntime } from "~/server/runtime";
import { dataDirBusyResponse } from "~/server/unavailable";

export const dynamic = "force-dynamic";

function authorized(request: Request, token: string): boolean {
  const given = Buffer.from(request.headers.get("authorization")?.replace(/^Bearer /i, "") ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Prometheus scrape endpoint. Off unless TRIBUTARY_METRICS_TOKEN is set; every scrape carries it
// as a bearer token (source names and activity are not for anyone who can reach the port).
export async function GET(request: Request): Promise<Response> {
  const token = env.TRIBUTARY_METRICS_TOKEN;
  if (!token) return Response.json({ error: "metrics are off: set TRIBUTARY_METRICS_TOKEN" }, { status: 404 });
  if (!authorized(request, token))
    return Response.json({ error: "a bearer token is required" }, { status: 401, headers: { "www-authenticate": 'Bearer realm="tributary-metrics"' } });
  let runtime;
  try {
    runtime = await getRuntime();
  } catch (error) {
    return dataDirBusyResponse(error);
  }
  const { body, contentType } = await renderMetrics(await readMetricFigures(runtime.database.db, new Date()), { cpuPoolMode: cpuPool().mode() });
  return new Response(body, { headers: { "content-type": contentType } });
}
