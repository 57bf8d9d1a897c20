import type { EmbeddingKind } from "@repo/console-types";
import { assertNoEmptyTexts } from "../errors";
import type { MeteredEmbeddingProvider } from "../provider-options";
import { emptyStats } from "../stats";
import { addFeatureHashes, addHashedFeature, featureHashes } from "./feature-hashing";
import { forEachWord, splitIdentifier } from "./identifiers";

export interface LocalEmbedderOptions {
  /** Vector size (default 384); more slots mean fewer hash collisions. */
  dimensions?: number;
}

// Bumped whenever the features change, so cached vectors of an older scheme are not reused.
const MODEL = "code-hash-v1";
const DEFINITION_WEIGHT = 12;
const QUERY_DEFINITION_WEIGHT = 4;
const BIGRAM_WEIGHT = 0.5;

// Words so common in prose and code that they say nothing about which file a query means.
const STOP_WORDS = new Set(
  (
    "a an and are as at be by for from if in is it of on or that the this to was with not no " +
    "const let var return import export function new true false null undefined await async def self " +
    "public private static void else then end"
  ).split(" "),
);

/**
 * A deterministic, offline embedder for code and docs. Each identifier counts as a whole word and as
 * its camelCase / snake_case / kebab-case / digit parts (plus adjacent-part bigrams). A word that a
 * declaration introduces ("function parseConfig", "func (s *Store) Save") also lands in a
 * definitions channel that query words probe, so the file that defines a name outranks the files
 * that only use it. Features are hashed into `dimensions` slots with sublinear weights and the
 * vector is L2-normalised.
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
    async embed(texts: readonly string[], kind: EmbeddingKind): Promise<number[][]> {
      assertNoEmptyTexts("local", texts);
      stats.texts += texts.length;
      return texts.map((text) => embedText(text, dimensions, kind));
    },
  };
}

export function embedText(text: string, dimensions: number, kind: EmbeddingKind): number[] {
  const vector = new Float64Array(dimensions);
  embedTextInto(vector, 0, text, dimensions, kind);
  return Array.from(vector);
}

/** embedText written into `out` at `offset` (a CPU worker fills one buffer for a whole batch). */
export function embedTextInto(out: Float64Array, offset: number, text: string, dimensions: number, kind: EmbeddingKind): void {
  const vector = out.subarray(offset, offset + dimensions);
  const features = textFeatures(text, kind);
  for (const feature of features) addFeatureHashes(vector, feature.first, feature.second, Math.log1p(feature.weight));
  // Text with no words at all (only punctuation or spaces) still gets a valid unit vector, and so
  // does text whose few features cancel out in the signed hashing.
  if (features.length === 0 || squaredNorm(vector) < 1e-12) addHashedFeature(vector, `c:${text.trim()}`, 1);
  const scale = 1 / Math.sqrt(squaredNorm(vector));
  for (let i = 0; i < dimensions; i++) vector[i] = vector[i]! * scale;
}

function squaredNorm(vector: Float64Array): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return sum;
}

/**
 * One distinct feature ("p:config"), shared by every word that has it, with its hashes computed
 * once. `weight` is its summed weight in the text being embedded, valid while `text` equals the
 * current text's number.
 */
interface Feature {
  readonly first: number;
  readonly second: number;
  text: number;
  weight: number;
}

/** What a word always brings, whatever its context. */
interface Word {
  lower: string;
  stopWord: boolean;
  /** Its whole-word, part and bigram features with their weights, in order. */
  features: ReadonlyArray<Feature>;
  weights: ReadonlyArray<number>;
  /** Its feature in the definitions channel. */
  definition: Feature;
}

const words = new Map<string, Word>();
const features = new Map<string, Feature>();
// 20,000 words hit 94.7% on bench:cli's 3,000-file corpus against 96.3% at 200,000, which held tens
// of MB per CPU worker (each entry a small array of feature strings). Their features are about
// three times as many; both maps are cleared together, whichever fills first (one pass over the
// corpus' 20,069 chunks: ~2.0-2.4 s with 60,000 features or 100,000, ~12 MB more heap at 100,000).
const WORD_CACHE_LIMIT = 20_000;
const FEATURE_CACHE_LIMIT = 60_000;
let textNumber = 0;

/**
 * The text's features with their summed weights, in the order they first occur (the order their
 * weights are added to the vector, so vectors are the same bit for bit whatever came before).
 */
function textFeatures(text: string, kind: EmbeddingKind): Feature[] {
  // Between texts only: within one, equal features must be one object so their weights add up.
  if (words.size >= WORD_CACHE_LIMIT || features.size >= FEATURE_CACHE_LIMIT) {
    words.clear();
    features.clear();
  }
  const current = ++textNumber;
  const found: Feature[] = [];
  const add = (feature: Feature, weight: number) => {
    if (feature.text !== current) {
      feature.text = current;
      feature.weight = 0;
      found.push(feature);
    }
    feature.weight += weight;
  };
  forEachWord(text, (written, definition) => {
    const word = wordOf(written);
    for (let i = 0; i < word.features.length; i++) add(word.features[i]!, word.weights[i]!);
    // Definitions get a channel of their own, which every query word probes: a chunk that
    // defines a name the query mentions outscores the (often shorter) chunks that only use it.
    if (kind === "query" && !word.stopWord) add(word.definition, QUERY_DEFINITION_WEIGHT);
    else if (kind === "document" && definition && word.lower.length > 1) add(word.definition, DEFINITION_WEIGHT);
  });
  return found;
}

function featureOf(name: string): Feature {
  let feature = features.get(name);
  if (!feature) {
    const [first, second] = featureHashes(name);
    feature = { first, second, text: 0, weight: 0 };
    features.set(name, feature);
  }
  return feature;
}

/**
 * A word's features, computed once per distinct word as written. (Keyed by the lower-cased word,
 * the first casing seen stood for every other until the cache was cleared — "ParseConfig" gave
 * "parseconfig" its two parts — so a text's vector depended on the texts embedded before it in
 * the process: 4,085 of bench:cli's 20,069 chunks embedded differently in reverse order.)
 */
function wordOf(written: string): Word {
  const cached = words.get(written);
  if (cached) return cached;
  const lower = written.toLowerCase();
  const parts = splitIdentifier(written);
  const names: string[] = [];
  const weights: number[] = [];
  const push = (name: string, weight: number) => {
    names.push(name);
    weights.push(weight);
  };
  // A one-part word is already its part feature; a second copy would only lengthen the vector.
  if (parts.length > 1 && !STOP_WORDS.has(lower)) push(`w:${lower}`, 1);
  parts.forEach((part, i) => {
    if (!STOP_WORDS.has(part)) push(`p:${stem(part)}`, 1);
    if (i > 0) push(`b:${parts[i - 1]} ${part}`, BIGRAM_WEIGHT);
  });
  const word = { lower, stopWord: STOP_WORDS.has(lower), features: names.map(featureOf), weights, definition: featureOf(`d:${lower}`) };
  words.set(written, word);
  return word;
}

/** Folds inflections so "retries" meets "retry", "parsed" meets "parse" and "handles" meets "handle". */
function stem(part: string): string {
  if (part.length > 4 && (part.endsWith("ies") || part.endsWith("ied"))) return `${part.slice(0, -3)}y`;
  if (part.length > 5 && part.endsWith("ing")) return trimE(part.slice(0, -3));
  if (part.length > 4 && part.endsWith("ed")) return trimE(part.slice(0, -2));
  if (part.length > 3 && part.endsWith("s") && !part.endsWith("ss")) return trimE(part.slice(0, -1));
  return trimE(part);
}

function trimE(part: string): string {
  return part.length > 3 && part.endsWith("e") ? part.slice(0, -1) : part;
}
