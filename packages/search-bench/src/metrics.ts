/** Ranking quality of one query: recall@5, reciprocal rank within 10, binary nDCG@10. */
export function scoreRanking(ranked: readonly string[], relevant: readonly string[]): { recall5: number; mrr10: number; ndcg10: number } {
  const wanted = new Set(relevant);
  const top5 = ranked.slice(0, 5).filter((p) => wanted.has(p)).length;
  const first = ranked.slice(0, 10).findIndex((p) => wanted.has(p));
  let dcg = 0;
  ranked.slice(0, 10).forEach((p, i) => {
    if (wanted.has(p)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(10, wanted.size); i++) ideal += 1 / Math.log2(i + 2);
  return { recall5: top5 / wanted.size, mrr10: first < 0 ? 0 : 1 / (first + 1), ndcg10: ideal === 0 ? 0 : dcg / ideal };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
