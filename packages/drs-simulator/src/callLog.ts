/**
 * What the simulator was asked, for tests that check a caller's behaviour.
 *
 * @public
 */
export interface SimulatorCallLog {
  /** DRS calls received, including those answered with an injected fault. */
  total: number;
  /** DRS calls received per operation name, e.g. StartRecovery. */
  byOperation: Record<string, number>;
  /** Calls answered with an injected fault instead of being served. */
  injected: { throttled: number; internalErrors: number };
  /**
   * StartRecovery calls that reached DRS logic (not dropped by an injected throttle
   * or 500), per source server ID, whether they then created a job or were refused.
   */
  startRecoveryBySourceServer: Record<string, number>;
  /** Launch jobs created per source server ID. */
  launchesBySourceServer: Record<string, number>;
}

export function emptyCallLog(): SimulatorCallLog {
  return {
    total: 0,
    byOperation: {},
    injected: { throttled: 0, internalErrors: 0 },
    startRecoveryBySourceServer: {},
    launchesBySourceServer: {},
  };
}

/** Counts one more under `key` (an operation name, a source server ID). */
export function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
