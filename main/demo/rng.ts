// The one seeded random source of the demo, the bench and the seeded tests.

/**
 * mulberry32: tiny, fast, and the same sequence on every platform for a given seed.
 * Returns a function giving numbers in [0, 1).
 */
export function makeRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
