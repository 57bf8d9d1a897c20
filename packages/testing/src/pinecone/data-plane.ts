import type { FakeHttpServer, FakeRequest, FakeResponse } from "../http/fake-server";
import { checkDimension, checkId, checkIdCount, checkMetadata, DeleteBody, parseBody, QueryBody, StatsBody, UpsertBody } from "./data-requests";
import { badRequest, dataError, FakeRejection } from "./errors";
import type { FakeIndex } from "./fake-index";
import { namespaceName, PINECONE_LIMITS } from "./limits";
import { decodePageToken, encodePageToken } from "./page-token";

export type DataOperation = "upsert" | "query" | "fetch" | "delete" | "list" | "stats";

/** One data-plane request that reached the fake's handlers (faults and 429s are in `server.requests`). */
export interface DataPlaneCall {
  index: string;
  operation: DataOperation;
  namespace: string;
  /** Size of the request body as received, in bytes. */
  bodyBytes: number;
  /** Records in an upsert. */
  records: number;
  /** Ids in a fetch or delete. */
  ids: number;
  status: number;
  error?: string;
}

export interface DataPlaneContext {
  findIndex(name: string): FakeIndex | undefined;
  authorize(req: FakeRequest): FakeResponse | undefined;
  record(call: DataPlaneCall): void;
}

/** Each index's host is `<data server>/index/<name>`, so the SDK's paths land under it. */
export function registerDataPlane(server: FakeHttpServer, context: DataPlaneContext): void {
  const route = (method: string, path: string, operation: DataOperation, handle: Handler) =>
    server.route(method, `/index/:index${path}`, (req) => serve(context, operation, req, handle));
  route("POST", "/vectors/upsert", "upsert", upsert);
  route("POST", "/query", "query", query);
  route("GET", "/vectors/fetch", "fetch", fetchIds);
  route("POST", "/vectors/delete", "delete", deleteVectors);
  route("GET", "/vectors/list", "list", listIds);
  route("POST", "/describe_index_stats", "stats", stats);
}

type Handler = (index: FakeIndex, req: FakeRequest, call: DataPlaneCall) => FakeResponse;

function serve(context: DataPlaneContext, operation: DataOperation, req: FakeRequest, handle: Handler): FakeResponse {
  const name = req.params.index ?? "";
  const call: DataPlaneCall = { index: name, operation, namespace: "", bodyBytes: req.body.length, records: 0, ids: 0, status: 200 };
  let response: FakeResponse;
  try {
    const index = context.findIndex(name);
    response = context.authorize(req) ?? (index ? handle(index, req, call) : dataError(404, `Index ${name} not found`));
  } catch (error) {
    if (!(error instanceof FakeRejection)) throw error;
    response = error.response;
  }
  call.status = response.status;
  if (response.status >= 400) call.error = JSON.stringify(response.body);
  context.record(call);
  return response;
}

const usage = { readUnits: 1 };

function upsert(index: FakeIndex, req: FakeRequest, call: DataPlaneCall): FakeResponse {
  if (req.body.length > PINECONE_LIMITS.maxRequestBytes) {
    return dataError(400, `Request size ${req.body.length} bytes exceeds the maximum supported size of ${PINECONE_LIMITS.maxRequestBytes} bytes`);
  }
  const body = parseBody(UpsertBody, req.body);
  call.namespace = namespaceName(body.namespace);
  call.records = body.vectors.length;
  if (body.vectors.length === 0) throw badRequest("Upsert request must contain at least one vector");
  if (body.vectors.length > PINECONE_LIMITS.maxUpsertRecords) {
    throw badRequest(`Upsert batch of ${body.vectors.length} vectors exceeds the limit of ${PINECONE_LIMITS.maxUpsertRecords}`);
  }
  const vectors = body.vectors.map((vector) => {
    checkId(vector.id);
    if (!vector.values) throw badRequest(`Vector ${vector.id} has no dense values; this index is dense`);
    checkDimension(vector.values, index.spec.dimension);
    return { id: vector.id, values: vector.values, metadata: checkMetadata(vector.id, vector.metadata) };
  });
  index.upsert(body.namespace, vectors);
  return { status: 200, body: { upsertedCount: vectors.length } };
}

function query(index: FakeIndex, req: FakeRequest, call: DataPlaneCall): FakeResponse {
  const body = parseBody(QueryBody, req.body);
  call.namespace = namespaceName(body.namespace);
  const withData = body.includeValues || body.includeMetadata;
  const maxTopK = withData ? PINECONE_LIMITS.maxTopKWithData : PINECONE_LIMITS.maxTopK;
  if (body.topK < 1 || body.topK > maxTopK) throw badRequest(`topK must be between 1 and ${maxTopK}; got ${body.topK}`);
  const vector = body.vector ?? (body.id ? Array.from(index.namespace(body.namespace).get(body.id)?.values ?? []) : undefined);
  if (!vector) throw badRequest("query needs a vector or the id of a stored vector");
  checkDimension(vector, index.spec.dimension);
  const matches = index.query(body.namespace, vector, body.topK, body.filter).map(({ vector: stored, score }) => ({
    id: stored.id,
    score,
    values: body.includeValues ? Array.from(stored.values) : [],
    ...(body.includeMetadata && stored.metadata ? { metadata: stored.metadata } : {}),
  }));
  return { status: 200, body: { results: [], matches, namespace: body.namespace ?? "", usage } };
}

function fetchIds(index: FakeIndex, req: FakeRequest, call: DataPlaneCall): FakeResponse {
  const ids = req.query.getAll("ids");
  const namespace = req.query.get("namespace") ?? undefined;
  call.namespace = namespaceName(namespace);
  call.ids = ids.length;
  if (ids.length === 0) throw badRequest("fetch needs at least one id");
  checkIdCount(ids.length, "fetch");
  const records = index.namespace(namespace);
  const vectors: Record<string, unknown> = {};
  for (const id of ids) {
    const stored = records.get(id);
    if (stored) vectors[id] = { id, values: Array.from(stored.values), ...(stored.metadata ? { metadata: stored.metadata } : {}) };
  }
  return { status: 200, body: { vectors, namespace: namespace ?? "", usage } };
}

function deleteVectors(index: FakeIndex, req: FakeRequest, call: DataPlaneCall): FakeResponse {
  const body = parseBody(DeleteBody, req.body);
  call.namespace = namespaceName(body.namespace);
  const modes = [body.ids !== undefined, body.deleteAll === true, body.filter !== undefined].filter(Boolean).length;
  if (modes !== 1) throw badRequest("delete takes exactly one of ids, deleteAll or filter");
  if (body.ids) {
    call.ids = body.ids.length;
    checkIdCount(body.ids.length, "delete");
    index.deleteIds(body.namespace, body.ids);
  } else if (body.deleteAll) {
    index.deleteNamespace(body.namespace);
  } else {
    index.deleteMatching(body.namespace, body.filter);
  }
  return { status: 200, body: {} };
}

function listIds(index: FakeIndex, req: FakeRequest, call: DataPlaneCall): FakeResponse {
  const namespace = req.query.get("namespace") ?? undefined;
  call.namespace = namespaceName(namespace);
  const limit = Number(req.query.get("limit") ?? PINECONE_LIMITS.defaultListLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > PINECONE_LIMITS.maxListLimit) {
    throw badRequest(`limit must be an integer between 1 and ${PINECONE_LIMITS.maxListLimit}`);
  }
  const token = req.query.get("paginationToken");
  const after = token ? decodePageToken(token) : undefined;
  const ids = index.listIds(namespace, req.query.get("prefix") ?? "", after);
  const page = ids.slice(0, limit);
  const next = ids.length > limit ? { pagination: { next: encodePageToken(page[page.length - 1]!) } } : {};
  return { status: 200, body: { vectors: page.map((id) => ({ id })), ...next, namespace: namespace ?? "", usage } };
}

function stats(index: FakeIndex, req: FakeRequest): FakeResponse {
  const body = parseBody(StatsBody, req.body);
  const namespaces = index.stats(body.filter);
  const totalVectorCount = Object.values(namespaces).reduce((sum, ns) => sum + ns.vectorCount, 0);
  return {
    status: 200,
    body: { namespaces, dimension: index.spec.dimension, indexFullness: 0, totalVectorCount, metric: index.spec.metric, vectorType: "dense" },
  };
}
