/** Statistics shared by the benchmarks: they report medians and percentiles, never single runs. */

/** The middle sample (the upper one of the two middles for an even count). */
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** The p-th percentile by nearest rank: the smallest sample with p % of the samples at or below it. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0)
    throw new Error('No samples to take a percentile of');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Milliseconds as a person reads them: `12.3 ms`, `1.23 s`. */
export const formatMs = (ms: number) =>
  ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
