import { z } from "zod";
import type { FakeHttpServer, FakeRequest, FakeResponse } from "../http/fake-server";
import { controlError } from "./errors";
import type { FakeIndex, IndexSpec } from "./fake-index";
import { PINECONE_LIMITS } from "./limits";

export interface ControlPlaneContext {
  indexes: Map<string, FakeIndex>;
  createIndex(spec: IndexSpec): FakeIndex;
  authorize(req: FakeRequest): FakeResponse | undefined;
}

// The body the SDK sends for `createIndex` (snake_case on the control plane). Only serverless
// dense indexes are modelled; pod and BYOC specs get a 400.
const CreateIndexBody = z.object({
  name: z.string(),
  dimension: z.number().int().optional(),
  metric: z.enum(["cosine", "euclidean", "dotproduct"]).optional(),
  deletion_protection: z.enum(["enabled", "disabled"]).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  vector_type: z.string().optional(),
  spec: z.object({ serverless: z.object({ cloud: z.string(), region: z.string() }).optional() }).passthrough(),
});

const indexNamePattern = /^[a-z0-9](?:[a-z0-9-]{0,43}[a-z0-9])?$/;

export function registerControlPlane(server: FakeHttpServer, context: ControlPlaneContext): void {
  const guarded = (handle: (req: FakeRequest) => FakeResponse) => (req: FakeRequest) => context.authorize(req) ?? handle(req);
  server.route(
    "GET",
    "/indexes",
    guarded(() => ({ status: 200, body: { indexes: [...context.indexes.values()].map(describe) } })),
  );
  server.route(
    "GET",
    "/indexes/:name",
    guarded((req) => {
      const index = context.indexes.get(req.params.name ?? "");
      return index ? { status: 200, body: describe(index) } : notFound(req.params.name);
    }),
  );
  server.route(
    "DELETE",
    "/indexes/:name",
    guarded((req) => {
      if (!context.indexes.delete(req.params.name ?? "")) return notFound(req.params.name);
      return { status: 202 };
    }),
  );
  server.route(
    "POST",
    "/indexes",
    guarded((req) => create(context, req)),
  );
}

function create(context: ControlPlaneContext, req: FakeRequest): FakeResponse {
  const parsed = CreateIndexBody.safeParse(safeJson(req));
  if (!parsed.success) return controlError(400, "INVALID_ARGUMENT", `invalid create index request: ${parsed.error.issues[0]?.message ?? "unknown"}`);
  const body = parsed.data;
  if (!indexNamePattern.test(body.name)) {
    return controlError(400, "INVALID_ARGUMENT", "Name must consist of lower case alphanumeric characters or '-', and be at most 45 characters");
  }
  const serverless = body.spec.serverless;
  if (!serverless) return controlError(400, "INVALID_ARGUMENT", "this fake models serverless indexes only");
  if (body.vector_type && body.vector_type !== "dense") return controlError(400, "INVALID_ARGUMENT", "this fake models dense indexes only");
  const dimension = body.dimension ?? 0;
  if (dimension < 1 || dimension > PINECONE_LIMITS.maxDimension) {
    return controlError(400, "INVALID_ARGUMENT", `Dimension must be between 1 and ${PINECONE_LIMITS.maxDimension}`);
  }
  if (context.indexes.has(body.name)) return controlError(409, "ALREADY_EXISTS", `Resource ${body.name} already exists`);
  const index = context.createIndex({ name: body.name, dimension, metric: body.metric ?? "cosine", cloud: serverless.cloud, region: serverless.region });
  return { status: 201, body: describe(index) };
}

/** The IndexModel JSON the SDK parses; `host` carries its scheme so the SDK keeps plain http. */
export function describe(index: FakeIndex): Record<string, unknown> {
  const ready = index.ready;
  return {
    name: index.spec.name,
    dimension: index.spec.dimension,
    metric: index.spec.metric,
    host: index.host,
    deletion_protection: "disabled",
    vector_type: "dense",
    spec: {
      serverless: {
        cloud: index.spec.cloud,
        region: index.spec.region,
        read_capacity: { mode: "OnDemand", status: { state: "Ready" } },
      },
    },
    status: { ready, state: ready ? "Ready" : "Initializing" },
  };
}

function notFound(name: string | undefined): FakeResponse {
  return controlError(404, "NOT_FOUND", `Resource ${name ?? ""} not found`);
}

function safeJson(req: FakeRequest): unknown {
  try {
    return req.json();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
