import type { SyncDeps } from "../sync/deps";
import type { StoreRow } from "../sync/rows";

export interface SearchHit {
  sourceId: string;
  path: string;
  startLine: number;
  endLine: number;
  score: number;
  snippet: string;
  commit: string;
  context?: string;
}

/** Embeds the query as a query (not a document) with the store's model and ranks its chunks. */
export async function searchIndex(deps: SyncDeps, store: StoreRow, query: string, options: { topK?: number; sourceIds?: readonly string[] } = {}): Promise<SearchHit[]> {
  const text = query.trim();
  if (!text) throw new Error("the search query is empty");
  const [vector] = await deps.embedder(store).embed([text], "query");
  const matches = await deps.vectorStore(store).query({
    vector: vector!,
    topK: options.topK ?? 10,
    ...(options.sourceIds && options.sourceIds.length > 0 ? { filter: { sourceId: options.sourceIds } } : {}),
  });
  return matches.map(({ score, metadata }) => ({
    sourceId: metadata.sourceId,
    path: metadata.path,
    startLine: metadata.startLine,
    endLine: metadata.endLine,
    score,
    snippet: metadata.snippet,
    commit: metadata.commit,
    ...(metadata.context ? { context: metadata.context } : {}),
  }));
}
