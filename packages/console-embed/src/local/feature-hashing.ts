/**
 * Adds `weight` to the slot of `feature` in `vector` (the "hashing trick"). A second bit of the
 * hash picks the sign, so colliding features cancel out on average instead of piling up.
 */
export function addHashedFeature(vector: Float64Array, feature: string, weight: number): void {
  const hash = fmix32(fnv1a(feature));
  const sign = hash & 0x80000000 ? -1 : 1;
  vector[(hash & 0x7fffffff) % vector.length]! += sign * weight;
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
