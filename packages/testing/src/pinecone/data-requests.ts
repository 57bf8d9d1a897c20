import { z } from "zod";
import { badRequest } from "./errors";
import { PINECONE_LIMITS } from "./limits";
import type { Metadata } from "./metadata-filter";

// Request bodies as @pinecone-database/pinecone v8 sends them (camelCase keys on the data plane).

const metadataValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const UpsertBody = z.object({
  vectors: z.array(
    z.object({
      id: z.string(),
      values: z.array(z.number()).optional(),
      sparseValues: z.unknown().optional(),
      metadata: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  namespace: z.string().optional(),
});

export const QueryBody = z.object({
  namespace: z.string().optional(),
  topK: z.number().int(),
  filter: z.unknown().optional(),
  includeValues: z.boolean().optional(),
  includeMetadata: z.boolean().optional(),
  vector: z.array(z.number()).optional(),
  id: z.string().optional(),
});

export const DeleteBody = z.object({
  ids: z.array(z.string()).optional(),
  deleteAll: z.boolean().optional(),
  namespace: z.string().optional(),
  filter: z.unknown().optional(),
});

export const StatsBody = z.object({ filter: z.unknown().optional() });

export function parseBody<T>(schema: z.ZodType<T>, raw: Buffer): T {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8") || "{}");
  } catch {
    throw badRequest("request body is not valid JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw badRequest(`invalid request: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export function checkId(id: string): void {
  if (id.length === 0) throw badRequest("Vector ID must not be empty");
  if (id.length > PINECONE_LIMITS.maxIdLength) {
    throw badRequest(`Vector ID length ${id.length} exceeds the maximum of ${PINECONE_LIMITS.maxIdLength} characters`);
  }
}

export function checkDimension(values: readonly number[], dimension: number): void {
  if (values.length !== dimension) {
    throw badRequest(`Vector dimension ${values.length} does not match the dimension of the index ${dimension}`);
  }
}

/** Pinecone takes strings, numbers, booleans and lists of strings; null and nested objects are refused. */
export function checkMetadata(id: string, metadata: Record<string, unknown> | undefined): Metadata | undefined {
  if (metadata === undefined) return undefined;
  const bytes = Buffer.byteLength(JSON.stringify(metadata));
  if (bytes > PINECONE_LIMITS.maxMetadataBytes) {
    throw badRequest(`Metadata size is ${bytes} bytes, which exceeds the limit of ${PINECONE_LIMITS.maxMetadataBytes} bytes per vector (id ${id})`);
  }
  const checked: Metadata = {};
  for (const [key, value] of Object.entries(metadata)) {
    const parsed = metadataValue.safeParse(value);
    if (!parsed.success) throw badRequest(`Metadata value for field '${key}' of vector ${id} must be a string, number, boolean or list of strings`);
    checked[key] = parsed.data;
  }
  return checked;
}

export function checkIdCount(count: number, operation: string): void {
  if (count > PINECONE_LIMITS.maxIdsPerFetchOrDelete) {
    throw badRequest(`${operation} takes at most ${PINECONE_LIMITS.maxIdsPerFetchOrDelete} ids per request; got ${count}`);
  }
}
