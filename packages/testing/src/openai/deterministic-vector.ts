import { createHash } from "node:crypto";

/**
 * A unit vector derived only from `seed`, so a test can tell which text a fake embedded into which
 * vector. Like OpenAI's `dimensions`, a shortened vector is the prefix of the native one, renormalised.
 * Values are float32-exact so they survive OpenAI's base64 float32 encoding unchanged.
 */
export function deterministicVector(seed: string, dimensions: number): number[] {
  const digest = createHash("sha256").update(seed).digest();
  const next = sfc32(digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12));
  const values = new Float64Array(dimensions);
  // One PRNG stream per seed: a shorter vector is the prefix of a longer one before normalising.
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    const value = next() * 2 - 1;
    values[i] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Array.from(Float32Array.from(values, (v) => v * scale));
}

// Small, fast, well-distributed PRNG (Chris Doty-Humphrey's SFC32); Math.random cannot be seeded.
function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
