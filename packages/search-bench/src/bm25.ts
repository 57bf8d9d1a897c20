import { indexTerms } from "@repo/console-db";

const K1 = 1.2;
const B = 0.75;

/**
 * The baseline the issue names: BM25 over whole files (no chunks, no fields, no boosts), with the
 * same identifier-aware tokens the lexical index uses, so the comparison is about ranking alone.
 */
export function wholeFileBm25(files: Record<string, string>) {
  const docs = Object.entries(files).map(([path, text]) => {
    const tf = new Map<string, number>();
    const tokens = indexTerms(`${path} ${text}`).split(" ").filter(Boolean);
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { path, tf, length: tokens.length };
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const avg = docs.reduce((n, d) => n + d.length, 0) / docs.length;
  return (query: string): string[] => {
    const terms = [...new Set(indexTerms(query).split(" ").filter(Boolean))];
    return docs
      .map((d) => {
        let score = 0;
        for (const t of terms) {
          const f = d.tf.get(t) ?? 0;
          if (f === 0) continue;
          const n = df.get(t) ?? 0;
          const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
          score += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.length) / avg));
        }
        return { path: d.path, score };
      })
      .filter((d) => d.score > 0)
      .sort((a, b) => b.score - a.score)
      .map((d) => d.path);
  };
}
