/**
 * One PutMetricData call as CloudWatch received it.
 *
 * @public
 */
export interface SimulatorMetricBatch {
  /** The caller's account, from its credentials. */
  accountId: string;
  /** The region the call was signed for. */
  region: string;
  /** When the simulator served it (its clock). */
  receivedAt: string;
  /** The call's `Namespace`. */
  namespace: string;
  /** The datums as sent (the model's MetricDatum), timestamps in ISO 8601. */
  metricData: {
    MetricName: string;
    Dimensions?: { Name: string; Value: string }[];
    Timestamp?: string;
    Value?: number;
    StatisticValues?: {
      SampleCount: number;
      Sum: number;
      Minimum: number;
      Maximum: number;
    };
    Values?: number[];
    Counts?: number[];
    Unit?: string;
    StorageResolution?: number;
  }[];
}

/**
 * What the simulator was asked, for tests that check a caller's behaviour.
 *
 * @public
 */
export interface SimulatorCallLog {
  /** Calls received (DRS, SSM, EC2, CloudFormation, CloudWatch), including those answered with an injected fault. */
  total: number;
  /** Calls received per operation name, e.g. StartRecovery, StartAutomationExecution. */
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
  /**
   * ReverseReplication calls that reached DRS logic, per recovery instance ID, whether they
   * reversed it or were refused (a second call is refused).
   */
  reverseReplicationByRecoveryInstance: Record<string, number>;
  /** Recovery instances reversed per recovery instance ID: at most 1. */
  reversalsByRecoveryInstance: Record<string, number>;
  /**
   * StartAutomationExecution calls that reached SSM logic, per ClientToken (in lower case: SSM's
   * tokens are case-insensitive), whether they started an automation, returned the one the
   * token had started, or were refused.
   */
  startAutomationByClientToken: Record<string, number>;
  /**
   * Automations started per ClientToken: at most 1, as SSM never starts a second for a token.
   * Starts a caller made without its token, or with a new one, show in `automationsByDocument`.
   */
  automationsByClientToken: Record<string, number>;
  /** Automations started per document name, with or without a ClientToken. */
  automationsByDocument: Record<string, number>;
  /** CloudWatch PutMetricData calls that were served, in order, with what they carried: the latest 1000. */
  metricData: SimulatorMetricBatch[];
}

export function emptyCallLog(): SimulatorCallLog {
  return {
    total: 0,
    byOperation: {},
    injected: { throttled: 0, internalErrors: 0 },
    startRecoveryBySourceServer: {},
    launchesBySourceServer: {},
    reverseReplicationByRecoveryInstance: {},
    reversalsByRecoveryInstance: {},
    startAutomationByClientToken: {},
    automationsByClientToken: {},
    automationsByDocument: {},
    metricData: [],
  };
}

/** Counts one more under `key` (an operation name, a source server ID). */
export function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
