export type EmbeddingKind = "document" | "query";

export interface EmbeddingProvider {
  /** "openai" | "cohere" | "local" */
  readonly id: string;
  readonly model: string;
  readonly dimensions: number;
  embed(texts: readonly string[], kind: EmbeddingKind): Promise<number[][]>;
}

/** Content-addressed embedding cache; keys are (provider, model, dimensions, sha256(text)). */
export interface EmbeddingCache {
  getMany(key: EmbeddingCacheScope, textHashes: readonly string[]): Promise<Map<string, number[]>>;
  putMany(key: EmbeddingCacheScope, entries: ReadonlyArray<{ textHash: string; vector: number[] }>): Promise<void>;
}
export interface EmbeddingCacheScope {
  provider: string;
  model: string;
  dimensions: number;
}
