import { sql, type SQL } from "drizzle-orm";

// pgvector's HNSW indexes `vector` up to 2000 dimensions and `halfvec` up to 4000; larger models
// (e.g. 3072-dim text-embedding-3-large) are indexed through a halfvec expression.
const MAX_VECTOR_INDEX_DIMS = 2000;
const MAX_HALFVEC_INDEX_DIMS = 4000;

/** The indexed expression; queries must order by exactly this expression to use the index. */
export function distanceOperand(dimensions: number): SQL {
  return dimensions <= MAX_VECTOR_INDEX_DIMS ? sql`embedding` : sql`(embedding::halfvec(${sql.raw(String(dimensions))}))`;
}

/** The query vector in the same type as distanceOperand. */
export function queryOperand(dimensions: number, literal: string): SQL {
  const dims = sql.raw(String(dimensions));
  return dimensions <= MAX_VECTOR_INDEX_DIMS ? sql`${literal}::vector(${dims})` : sql`${literal}::halfvec(${dims})`;
}

/** Null above 4000 dimensions: such stores are searched exactly, without an index. */
export function indexOperatorClass(dimensions: number): string | null {
  if (dimensions <= MAX_VECTOR_INDEX_DIMS) return "vector_cosine_ops";
  if (dimensions <= MAX_HALFVEC_INDEX_DIMS) return "halfvec_cosine_ops";
  return null;
}
