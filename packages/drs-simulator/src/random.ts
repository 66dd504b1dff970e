/** A seeded source of numbers in [0, 1): the same seed gives the same run. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough to pick faults and IDs reproducibly. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** True with the given probability (0 never draws a number, so it never shifts the stream). */
export function chance(random: Random, probability: number): boolean {
  if (probability <= 0) return false;
  if (probability >= 1) return true;
  return random() < probability;
}
