import { createLocalEmbedder, type EmbeddingStats, type MeteredEmbeddingProvider } from "@repo/console-embed";
import { cpuPool } from "./cpu-pool";

/** Texts per CPU pool task: small enough for several workers to share a batch. */
const TEXTS_PER_TASK = 500;

/**
 * The local embedder with its document embeddings computed on the CPU pool (same function, same
 * vectors), so a sync's embedding runs beside the thread that writes. Queries (one text, on a
 * search's critical path) and invalid input stay on the calling thread.
 */
export function createPooledLocalEmbedder(dimensions: number): MeteredEmbeddingProvider {
  const inline = createLocalEmbedder({ dimensions });
  return {
    ...inline,
    async embed(texts, kind) {
      if (kind !== "document" || texts.length < 2 || texts.some((t) => t.length === 0)) return inline.embed(texts, kind);
      const slices: string[][] = [];
      for (let i = 0; i < texts.length; i += TEXTS_PER_TASK) slices.push(texts.slice(i, i + TEXTS_PER_TASK));
      const flats = await Promise.all(slices.map((slice) => cpuPool().run("embedLocal", { texts: slice, dimensions, kind })));
      // The counters are the inline embedder's (read-only to callers): one set for both paths.
      (inline.stats as EmbeddingStats).texts += texts.length;
      const vectors: number[][] = [];
      for (const flat of flats) appendVectors(vectors, flat, dimensions);
      return vectors;
    },
  };
}

/**
 * The vectors laid end to end in `flat`, appended to `vectors` as arrays. A plain copy loop:
 * Array.from on a typed array goes through its iterator (~10x slower, ~0.1 s a 3,000-file sync).
 * A function of its own: inside embed() the loop had V8 compile embed on the stack (OSR) and drop
 * the code again in every batch (12 optimizing compiles a 3,000-file sync, --trace-opt).
 */
function appendVectors(vectors: number[][], flat: Float64Array, dimensions: number): void {
  for (let at = 0; at < flat.length; at += dimensions) {
    const vector = new Array<number>(dimensions);
    for (let i = 0; i < dimensions; i++) vector[i] = flat[at + i]!;
    vectors.push(vector);
  }
}
