import {
  CloudWatchClient,
  PutMetricDataCommand,
  StandardUnit,
} from '@aws-sdk/client-cloudwatch';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { Counter } from '@opentelemetry/api';
import { Config } from '@backstage/config';
import { readDrsBackendConfig } from '../../config';
import { readCloudWatchConfig } from './cloudWatchConfig';
import { AwsClientCache } from '../awsClients';
import { EngineMetrics } from './metrics';

/** DRS errors since the last cycle report, throttles among them. */
export interface DrsErrorTally {
  errors: number;
  throttles: number;
}

/**
 * Counts the engine's DRS errors between cycle reports, beside its OpenTelemetry counter: the
 * returned metrics count into both; `take` answers the counts since its last call, and
 * `giveBack` returns counts that could not be published to the next report.
 */
export function tallyDrsErrors(metrics: EngineMetrics): {
  metrics: EngineMetrics;
  take(): DrsErrorTally;
  giveBack(tally: DrsErrorTally): void;
} {
  let tally: DrsErrorTally = { errors: 0, throttles: 0 };
  const drsErrors: Counter = {
    add(value, attributes, context) {
      metrics.drsErrors.add(value, attributes, context);
      tally.errors += value;
      if (attributes?.error === 'ThrottlingException') tally.throttles += value;
    },
  };
  return {
    metrics: { ...metrics, drsErrors },
    take() {
      const taken = tally;
      tally = { errors: 0, throttles: 0 };
      return taken;
    },
    giveBack(taken) {
      tally.errors += taken.errors;
      tally.throttles += taken.throttles;
    },
  };
}

/** What one cycle publishes to CloudWatch. */
export interface CycleMetrics {
  completedAt: Date;
  durationSeconds: number;
  activeExecutions: number;
  drs: DrsErrorTally;
}

/**
 * The metric names the engine publishes in its namespace, one datum each per cycle; the stack's
 * alarms and dashboard read them by these names.
 */
export const CLOUDWATCH_METRIC_NAMES = {
  heartbeat: 'EngineHeartbeat',
  cycleDuration: 'CycleDurationSeconds',
  drsErrors: 'DrsErrors',
  throttles: 'DrsThrottles',
  activeExecutions: 'ActiveExecutions',
} as const;

/** Publishes a cycle's metrics: exactly one PutMetricData call, whatever the executions. */
export type CloudWatchPublisher = (cycle: CycleMetrics) => Promise<void>;

export function createCloudWatchPublisher(options: {
  client: () => Promise<CloudWatchClient>;
  namespace: string;
}): CloudWatchPublisher {
  const names = CLOUDWATCH_METRIC_NAMES;
  return async cycle => {
    const datum = (MetricName: string, Value: number, Unit: StandardUnit) => ({
      MetricName,
      Value,
      Unit,
      Timestamp: cycle.completedAt,
    });
    const client = await options.client();
    await client.send(
      new PutMetricDataCommand({
        Namespace: options.namespace,
        MetricData: [
          datum(names.heartbeat, 1, 'Count'),
          datum(names.cycleDuration, cycle.durationSeconds, 'Seconds'),
          datum(names.drsErrors, cycle.drs.errors, 'Count'),
          datum(names.throttles, cycle.drs.throttles, 'Count'),
          datum(names.activeExecutions, cycle.activeExecutions, 'Count'),
        ],
      }),
    );
  };
}

/**
 * The publisher `drs.cloudWatch` configures, or undefined when it names no namespace: the
 * SDK's CloudWatch client in its region, with the credentials of `drs.defaultAccountId` and the
 * plugin's request timeout.
 */
export function configuredCloudWatchPublisher(deps: {
  config: Config;
  credentialsManager: AwsCredentialsManager;
}): CloudWatchPublisher | undefined {
  const config = readCloudWatchConfig(deps.config);
  if (!config) return undefined;
  const settings = readDrsBackendConfig(deps.config);
  const clients = new AwsClientCache(
    {
      credentialsManager: deps.credentialsManager,
      endpoint: config.endpoint,
      defaultAccountId: settings.defaultAccountId,
      requestTimeoutSeconds: settings.requestTimeoutSeconds,
    },
    clientConfig => new CloudWatchClient(clientConfig),
  );
  return createCloudWatchPublisher({
    client: () => clients.get({ region: config.region }),
    namespace: config.namespace,
  });
}
