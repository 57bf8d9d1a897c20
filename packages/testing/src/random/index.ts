/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same numbers in [0, 1),
 * so a randomized test fails the same way on every run and machine.
 */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A text of up to `maxParts` parts drawn from `parts` (repeat a part to draw it more often). */
export function randomText(random: () => number, parts: readonly string[], maxParts: number): string {
  const length = Math.floor(random() * maxParts);
  return Array.from({ length }, () => parts[Math.floor(random() * parts.length)]).join("");
}
