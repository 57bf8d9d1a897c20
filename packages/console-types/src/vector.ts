import { z } from "zod";

export const VectorMetadataSchema = z.object({
  sourceId: z.string(),
  documentId: z.string(),
  path: z.string(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  commit: z.string(),
  chunkHash: z.string(),
  context: z.string().optional(),
  snippet: z.string(),
});
export type VectorMetadata = z.infer<typeof VectorMetadataSchema>;

export interface VectorRecord {
  id: string;
  values: number[];
  metadata: VectorMetadata;
}

export interface VectorMatch {
  id: string;
  score: number;
  metadata: VectorMetadata;
}

export interface VectorQuery {
  vector: number[];
  topK: number;
  filter?: { sourceId?: string | readonly string[] };
}

/** One store (one embedding model and dimension); ids are deterministic, see ids.ts. */
export interface VectorStore {
  readonly dimensions: number;
  upsert(records: readonly VectorRecord[]): Promise<void>;
  query(query: VectorQuery): Promise<VectorMatch[]>;
  fetch(ids: readonly string[]): Promise<VectorRecord[]>;
  deleteIds(ids: readonly string[]): Promise<void>;
  listIds(prefix: string): Promise<string[]>;
  /** Returns how many vectors were removed. */
  deleteByPrefix(prefix: string): Promise<number>;
}
