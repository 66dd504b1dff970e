/**
 * Reproducible random draws for test scenarios: the same seed always gives the same sequence,
 * so a seeded run (a property test, a chaos run) replays draw for draw. It is the generator the
 * simulator draws its IDs, faults and jitter with.
 *
 * mulberry32: tiny and fast, good for tests, not for anything secret.
 *
 * @public
 */
export class Dice {
  private state: number;

  /** Any integer; only its low 32 bits count. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with the given probability. Always draws once, whatever the probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A number from min (included) to max (excluded). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** One of the items, each as likely as the others. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
}
