import { namespaceName } from "./limits";
import { matchesFilter, type Metadata } from "./metadata-filter";

export interface StoredVector {
  id: string;
  /** Kept as float32, as Pinecone stores them, so fetched values are float32-rounded. */
  values: Float32Array;
  norm: number;
  metadata: Metadata | undefined;
}

export interface IndexSpec {
  name: string;
  dimension: number;
  metric: "cosine" | "euclidean" | "dotproduct";
  cloud: string;
  region: string;
}

export interface ScoredVector {
  vector: StoredVector;
  score: number;
}

/** One fake index: its description and its records, one map per namespace. */
export class FakeIndex {
  readonly namespaces = new Map<string, Map<string, StoredVector>>();

  constructor(
    readonly spec: IndexSpec,
    readonly host: string,
    /** When describe starts answering `ready: true`. */
    readonly readyAt: number,
  ) {}

  get ready(): boolean {
    return Date.now() >= this.readyAt;
  }

  /** The records of one namespace ("" is the default namespace). */
  namespace(name?: string): Map<string, StoredVector> {
    const key = namespaceName(name);
    let records = this.namespaces.get(key);
    if (!records) {
      records = new Map();
      this.namespaces.set(key, records);
    }
    return records;
  }

  upsert(namespace: string | undefined, vectors: Array<{ id: string; values: number[]; metadata?: Metadata }>): void {
    const records = this.namespace(namespace);
    for (const { id, values, metadata } of vectors) {
      const stored = Float32Array.from(values);
      records.set(id, { id, values: stored, norm: Math.hypot(...stored), metadata });
    }
  }

  query(namespace: string | undefined, vector: number[], topK: number, filter: unknown): ScoredVector[] {
    const queryNorm = Math.hypot(...vector);
    const scored: ScoredVector[] = [];
    for (const stored of this.namespaces.get(namespaceName(namespace))?.values() ?? []) {
      if (!matchesFilter(stored.metadata ?? {}, filter)) continue;
      scored.push({ vector: stored, score: this.score(stored, vector, queryNorm) });
    }
    const ordered = this.spec.metric === "euclidean" ? scored.sort((a, b) => a.score - b.score) : scored.sort((a, b) => b.score - a.score);
    return ordered.slice(0, topK);
  }

  /** Ids with `prefix` in bitwise (code unit) order, after `after` when paging. */
  listIds(namespace: string | undefined, prefix: string, after: string | undefined): string[] {
    const ids = [...(this.namespaces.get(namespaceName(namespace))?.keys() ?? [])].filter((id) => id.startsWith(prefix) && (after === undefined || id > after));
    return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  deleteIds(namespace: string | undefined, ids: readonly string[]): void {
    const records = this.namespaces.get(namespaceName(namespace));
    for (const id of ids) records?.delete(id);
  }

  deleteMatching(namespace: string | undefined, filter: unknown): void {
    const records = this.namespaces.get(namespaceName(namespace));
    for (const [id, stored] of records ?? []) if (matchesFilter(stored.metadata ?? {}, filter)) records?.delete(id);
  }

  deleteNamespace(namespace: string | undefined): void {
    this.namespaces.delete(namespaceName(namespace));
  }

  /** Vector counts per non-empty namespace, optionally only records matching `filter`. */
  stats(filter?: unknown): Record<string, { vectorCount: number }> {
    const namespaces: Record<string, { vectorCount: number }> = {};
    for (const [name, records] of this.namespaces) {
      let count = 0;
      for (const stored of records.values()) if (matchesFilter(stored.metadata ?? {}, filter)) count += 1;
      if (count > 0) namespaces[name] = { vectorCount: count };
    }
    return namespaces;
  }

  private score(stored: StoredVector, vector: number[], queryNorm: number): number {
    let dot = 0;
    let squaredDistance = 0;
    for (let i = 0; i < vector.length; i++) {
      const a = stored.values[i]!;
      const b = vector[i]!;
      dot += a * b;
      squaredDistance += (a - b) ** 2;
    }
    if (this.spec.metric === "dotproduct") return dot;
    if (this.spec.metric === "euclidean") return squaredDistance;
    return stored.norm === 0 || queryNorm === 0 ? 0 : dot / (stored.norm * queryNorm);
  }
}
