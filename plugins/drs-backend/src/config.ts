import { Config, readDurationFromConfig } from '@backstage/config';
import { Duration } from 'luxon';
import {
  DEFAULT_DRS_QUOTAS,
  DrsQuotas,
} from '@drs-orchestration/plugin-drs-common';
import { DEFAULT_LAUNCH_LEASE_SECONDS } from '@drs-orchestration/plugin-drs-common/engine';
import { DEFAULT_AWS_REQUEST_TIMEOUT_SECONDS } from './services/awsClients';
import { DEFAULT_TABLE_PREFIX } from './services/DynamoStore/tables';

/** The plugin's configuration with defaults applied; keys are documented in config.d.ts. */
export interface DrsBackendConfig {
  defaultRegion: string;
  defaultAccountId?: string;
  endpoint?: string;
  requestTimeoutSeconds: number;
  ssm: { endpoint?: string };
  ec2: { endpoint?: string };
  dynamodb: {
    region: string;
    endpoint?: string;
    accountId?: string;
    tablePrefix: string;
    createTables: boolean;
  };
  quotas: DrsQuotas;
  engine: EngineConfig;
  scheduledDrills: DrillSchedulerConfig;
  planEvaluation: PlanEvaluationConfig;
}

export interface PlanEvaluationConfig {
  enabled: boolean;
  frequencySeconds: number;
  initialDelaySeconds: number;
}

/** Every plan is evaluated every 30 minutes unless `drs.planEvaluation.frequency` says otherwise. */
export const DEFAULT_PLAN_EVALUATION_FREQUENCY_SECONDS = 30 * 60;

function readPlanEvaluation(config: Config | undefined): PlanEvaluationConfig {
  const frequency = config?.has('frequency')
    ? Math.round(
        Duration.fromObject(
          readDurationFromConfig(config, { key: 'frequency' }),
        ).as('seconds'),
      )
    : DEFAULT_PLAN_EVALUATION_FREQUENCY_SECONDS;
  if (!(frequency >= 1)) {
    throw new Error(
      'drs.planEvaluation.frequency must be at least a second, e.g. 30m or { minutes: 30 }',
    );
  }
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    frequencySeconds: frequency,
    initialDelaySeconds: config?.getOptionalNumber('initialDelaySeconds') ?? 60,
  };
}

export interface DrillSchedulerConfig {
  enabled: boolean;
  checkIntervalSeconds: number;
  initialDelaySeconds: number;
  notifyLeadTimeMinutes: number;
}

export interface EngineConfig {
  enabled: boolean;
  pollIntervalSeconds: number;
  cycleTimeoutSeconds: number;
  initialDelaySeconds: number;
  launchLeaseSeconds: number;
}

export function readDrsBackendConfig(config: Config): DrsBackendConfig {
  const drs = config.getOptionalConfig('drs');
  const dynamodb = drs?.getOptionalConfig('dynamodb');
  const quotas = drs?.getOptionalConfig('quotas');
  const engine = drs?.getOptionalConfig('engine');
  const drills = drs?.getOptionalConfig('scheduledDrills');
  const planEvaluation = readPlanEvaluation(
    drs?.getOptionalConfig('planEvaluation'),
  );
  return {
    defaultRegion: drs?.getOptionalString('defaultRegion') ?? 'us-east-1',
    defaultAccountId: drs?.getOptionalString('defaultAccountId'),
    endpoint: drs?.getOptionalString('endpoint'),
    requestTimeoutSeconds:
      drs?.getOptionalNumber('requestTimeoutSeconds') ??
      DEFAULT_AWS_REQUEST_TIMEOUT_SECONDS,
    ssm: { endpoint: drs?.getOptionalString('ssm.endpoint') },
    ec2: { endpoint: drs?.getOptionalString('ec2.endpoint') },
    dynamodb: {
      region: dynamodb?.getOptionalString('region') ?? 'us-east-1',
      endpoint: dynamodb?.getOptionalString('endpoint'),
      accountId: dynamodb?.getOptionalString('accountId'),
      tablePrefix:
        dynamodb?.getOptionalString('tablePrefix') ?? DEFAULT_TABLE_PREFIX,
      createTables: dynamodb?.getOptionalBoolean('createTables') ?? false,
    },
    quotas: {
      maxServersPerJob:
        quotas?.getOptionalNumber('maxServersPerJob') ??
        DEFAULT_DRS_QUOTAS.maxServersPerJob,
      maxConcurrentJobs:
        quotas?.getOptionalNumber('maxConcurrentJobs') ??
        DEFAULT_DRS_QUOTAS.maxConcurrentJobs,
      maxServersInActiveJobs:
        quotas?.getOptionalNumber('maxServersInActiveJobs') ??
        DEFAULT_DRS_QUOTAS.maxServersInActiveJobs,
    },
    engine: {
      enabled: engine?.getOptionalBoolean('enabled') ?? true,
      pollIntervalSeconds:
        engine?.getOptionalNumber('pollIntervalSeconds') ?? 15,
      cycleTimeoutSeconds:
        engine?.getOptionalNumber('cycleTimeoutSeconds') ?? 120,
      initialDelaySeconds:
        engine?.getOptionalNumber('initialDelaySeconds') ?? 5,
      launchLeaseSeconds:
        engine?.getOptionalNumber('launchLeaseSeconds') ??
        DEFAULT_LAUNCH_LEASE_SECONDS,
    },
    scheduledDrills: {
      enabled: drills?.getOptionalBoolean('enabled') ?? true,
      checkIntervalSeconds:
        drills?.getOptionalNumber('checkIntervalSeconds') ?? 60,
      initialDelaySeconds:
        drills?.getOptionalNumber('initialDelaySeconds') ?? 30,
      notifyLeadTimeMinutes:
        drills?.getOptionalNumber('notifyLeadTimeMinutes') ?? 60,
    },
    planEvaluation,
  };
}
