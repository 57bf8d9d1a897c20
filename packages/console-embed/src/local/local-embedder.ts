import type { EmbeddingKind } from "@repo/console-types";
import { assertNoEmptyTexts } from "../errors";
import type { MeteredEmbeddingProvider } from "../provider-options";
import { emptyStats } from "../stats";
import { addHashedFeature } from "./feature-hashing";
import { extractTerms, type Term } from "./identifiers";

export interface LocalEmbedderOptions {
  /** Vector size (default 384); more slots mean fewer hash collisions. */
  dimensions?: number;
}

// Bumped whenever the features change, so cached vectors of an older scheme are not reused.
const MODEL = "code-hash-v1";
const DEFINITION_BOOST = 3;
const BIGRAM_WEIGHT = 0.5;

// Words so common in prose and code that they say nothing about which file a query means.
const STOP_WORDS = new Set(
  ("a an and are as at be by for from if in is it of on or that the this to was with not no " +
    "const let var return import export function new true false null undefined await async def self " +
    "public private static void else then end").split(" "),
);

/**
 * A deterministic, offline embedder for code and docs. Each identifier counts as a whole word and as
 * its camelCase / snake_case / kebab-case / digit parts (plus adjacent-part bigrams); a word that a
 * declaration keyword introduces ("function parseConfig") weighs more, so the file that defines a
 * name outranks the files that only use it. Features are hashed into `dimensions` slots with
 * sublinear weights and the vector is L2-normalised. Queries and documents embed the same way.
 */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): MeteredEmbeddingProvider {
  const dimensions = options.dimensions ?? 384;
  if (!Number.isInteger(dimensions) || dimensions < 16) throw new Error(`local embedder needs an integer dimensions ≥ 16, got ${dimensions}`);
  const stats = emptyStats();
  return {
    id: "local",
    model: MODEL,
    dimensions,
    stats,
    async embed(texts: readonly string[], _kind: EmbeddingKind): Promise<number[][]> {
      assertNoEmptyTexts("local", texts);
      stats.texts += texts.length;
      return texts.map((text) => embedText(text, dimensions));
    },
  };
}

export function embedText(text: string, dimensions: number): number[] {
  const weights = featureWeights(extractTerms(text));
  const vector = new Float64Array(dimensions);
  for (const [feature, weight] of weights) addHashedFeature(vector, feature, Math.log1p(weight));
  // Text with no words at all (only punctuation or spaces) still gets a valid unit vector.
  if (weights.size === 0) addHashedFeature(vector, `c:${text.trim()}`, 1);
  let norm = 0;
  for (const value of vector) norm += value * value;
  const scale = 1 / Math.sqrt(norm);
  return Array.from(vector, (value) => value * scale);
}

function featureWeights(terms: Term[]): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (feature: string, weight: number) => weights.set(feature, (weights.get(feature) ?? 0) + weight);
  for (const term of terms) {
    const boost = term.definition ? DEFINITION_BOOST : 1;
    if (!STOP_WORDS.has(term.word)) add(`w:${term.word}`, boost);
    term.parts.forEach((part, i) => {
      if (!STOP_WORDS.has(part)) add(`p:${stem(part)}`, 1);
      if (i > 0) add(`b:${term.parts[i - 1]} ${part}`, BIGRAM_WEIGHT);
    });
  }
  return weights;
}

/** Folds plurals so "retries" meets "retry" and "handlers" meets "handler". */
function stem(part: string): string {
  if (part.length > 4 && part.endsWith("ies")) return `${part.slice(0, -3)}y`;
  if (part.length > 3 && part.endsWith("s") && !part.endsWith("ss")) return part.slice(0, -1);
  return part;
}
