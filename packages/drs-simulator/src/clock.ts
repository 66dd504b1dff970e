/**
 * How simulated time moves: with the wall clock, or only when told to.
 *
 * @public
 */
export type ClockMode = 'real' | 'manual';

/** Simulated time in epoch milliseconds. */
export interface SimulatorClock {
  readonly mode: ClockMode;
  now(): number;
  /**
   * Moves time forward. Under the manual clock this is the only way time passes;
   * under the real clock it skips ahead (handy to fast-forward a demo).
   */
  advance(seconds: number): void;
  /** Back to the start time (manual) or to the wall clock (real). */
  reset(): void;
  /** Holds `now` at a past moment while a journal is replayed; undefined lets it go on. */
  pin(ms: number | undefined): void;
}

export function createClock(
  mode: ClockMode,
  startTimeMs: number,
): SimulatorClock {
  let offsetMs = 0;
  let pinnedMs: number | undefined;
  const base = mode === 'manual' ? () => startTimeMs : () => Date.now();
  return {
    mode,
    now: () => pinnedMs ?? base() + offsetMs,
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(
          `seconds must be a finite number >= 0, got ${seconds}`,
        );
      }
      offsetMs += Math.round(seconds * 1000);
    },
    reset() {
      offsetMs = 0;
    },
    pin(ms) {
      pinnedMs = ms;
    },
  };
}
