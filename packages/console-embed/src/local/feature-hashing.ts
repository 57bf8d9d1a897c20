/**
 * Adds `weight` to the slots of `feature` in `vector` (the "hashing trick"). Each feature goes to
 * two slots with weight/√2, each with a sign from its own hash bit, so a collision between two
 * features moves a score half as much and cancels out on average instead of piling up.
 */
export function addHashedFeature(vector: Float64Array, feature: string, weight: number): void {
  const [first, second] = featureHashes(feature);
  addFeatureHashes(vector, first, second, weight);
}

/** The two mixed hashes that pick a feature's slots and signs (computed once per feature by callers that cache them). */
export function featureHashes(feature: string): [first: number, second: number] {
  const hash = fnv1a(feature);
  return [fmix32(hash), fmix32(hash ^ 0x9e3779b9)];
}

/** addHashedFeature for a feature whose featureHashes are known. */
export function addFeatureHashes(vector: Float64Array, first: number, second: number, weight: number): void {
  const share = weight * Math.SQRT1_2;
  vector[(first & 0x7fffffff) % vector.length]! += (first & 0x80000000 ? -1 : 1) * share;
  vector[(second & 0x7fffffff) % vector.length]! += (second & 0x80000000 ? -1 : 1) * share;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// MurmurHash3's finaliser: spreads FNV's weak low bits over the whole word.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
