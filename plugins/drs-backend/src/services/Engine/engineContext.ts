import { LoggerService } from '@backstage/backend-plugin-api';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { EngineSettings } from '@drs-orchestration/plugin-drs-common/engine';
import { DrsGateway, DrsLocation } from '../DrsGateway/types';
import { ExecutionStore } from '../DynamoStore/types';
import { Ec2Gateway } from '../Ec2Gateway/types';
import { ExecutionListener } from '../ExecutionListener/types';
import { SsmGateway } from '../SsmGateway/types';
import { EngineMetrics } from './metrics';
import { SettledCache } from './SettledCache';
import { EngineOptions } from './types';

/** What the parts of one engine share: its collaborators, clock, settings and settled cache. */
export interface EngineContext {
  store: ExecutionStore;
  gateway: DrsGateway;
  ssm: SsmGateway;
  ec2: Ec2Gateway;
  logger: LoggerService;
  listener: ExecutionListener;
  metrics?: EngineMetrics;
  now: () => Date;
  settings: EngineSettings;
  settled: SettledCache;
  /** Where the execution's DRS, SSM and EC2 calls go. */
  locationOf(execution: Execution): DrsLocation;
}

export function createEngineContext(options: EngineOptions): EngineContext {
  return {
    store: options.store,
    gateway: options.gateway,
    ssm: options.ssm,
    ec2: options.ec2,
    logger: options.logger,
    listener: options.listener,
    metrics: options.metrics,
    now: options.now ?? (() => new Date()),
    settings: {
      pollIntervalSeconds: options.pollIntervalSeconds,
      launchLeaseSeconds: options.launchLeaseSeconds,
    },
    settled: new SettledCache(),
    locationOf: execution => ({
      accountId: execution.accountId ?? options.defaultAccountId,
      region: execution.region,
    }),
  };
}
