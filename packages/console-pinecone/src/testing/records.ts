import { vectorId, type VectorRecord } from "@repo/console-types";

/** A seeded generator (mulberry32), so test vectors are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A unit vector of float32 values, like an embedding API returns (~20 JSON chars per value). */
export function embeddingLike(dimensions: number, random: () => number): number[] {
  const values = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.hypot(...values);
  return values.map((v) => Math.fround(v / norm));
}

/** Chunk records of one file as the indexer would write them. */
export function fileRecords(sourceId: string, path: string, chunks: number, dimensions: number, random: () => number): VectorRecord[] {
  return Array.from({ length: chunks }, (_, n) => {
    const chunkHash = Math.floor(random() * 2 ** 52)
      .toString(16)
      .padStart(16, "0")
      .repeat(4);
    return {
      id: vectorId(sourceId, path, chunkHash, 0),
      values: embeddingLike(dimensions, random),
      metadata: {
        sourceId,
        documentId: `${sourceId}:${path}`,
        path,
        startLine: n * 40 + 1,
        endLine: n * 40 + 40,
        commit: "3f2c9d1e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d",
        chunkHash,
        context: `function handler${n}`,
        snippet: `export function handler${n}(input: Input) {\n  return process(input, ${n});\n}`.repeat(4),
      },
    };
  });
}
