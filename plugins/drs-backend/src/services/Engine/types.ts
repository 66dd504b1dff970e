import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { EngineConfig } from '../../config';
import { DrsGateway } from '../DrsGateway/types';
import { EngineHeartbeatStore, ExecutionStore } from '../DynamoStore/types';
import { Ec2Gateway } from '../Ec2Gateway/types';
import { ExecutionListener } from '../ExecutionListener/types';
import { SsmGateway } from '../SsmGateway/types';
import { CloudWatchPublisher } from './cloudWatch';
import { EngineMetrics } from './metrics';

export interface EngineOptions {
  store: ExecutionStore;
  gateway: DrsGateway;
  ssm: SsmGateway;
  ec2: Ec2Gateway;
  logger: LoggerService;
  pollIntervalSeconds: number;
  /** See EngineSettings.launchLeaseSeconds (drs.engine.launchLeaseSeconds). */
  launchLeaseSeconds?: number;
  defaultAccountId?: string;
  listener: ExecutionListener;
  metrics?: EngineMetrics;
  /** Injected for tests; the engine never reads the clock elsewhere. */
  now?: () => Date;
}

export interface CycleStats {
  executions: number;
  /** Executions the state machine ran for; the others were settled with what DRS still reports. */
  decided: number;
  written: number;
}

/**
 * Drives executions through DRS: find the executions that need driving, observe DRS, SSM and
 * EC2 in batches per account and region, decide with the pure state machine, act, and record
 * with conditional writes. Launch intent is written before StartRecovery and the job ID after
 * it, so a crash at any point is resumed by adopting the job DRS already has instead of
 * launching twice; a step's automation intent carries a ClientToken, so a repeated
 * StartAutomationExecution adopts the automation SSM already has.
 */
export interface Engine {
  /**
   * Drives one execution now, outside the cycle: a start or a request takes effect at once
   * instead of at the scheduler's next turn. Conditional writes and the launch lease keep it
   * safe beside a cycle driving the same execution on any replica.
   */
  driveNow(executionId: string): Promise<void>;
  /** One cycle over every execution the engine must visit; an aborted cycle starts nothing new. */
  runCycle(signal?: AbortSignal): Promise<CycleStats>;
}

/** The engine as the plugin runs it: a scheduler task, and a trigger for new requests. */
export interface EngineTaskOptions {
  scheduler: SchedulerService;
  logger: LoggerService;
  settings: EngineConfig;
  store: ExecutionStore;
  gateway: DrsGateway;
  ssm: SsmGateway;
  ec2: Ec2Gateway;
  listener: ExecutionListener;
  defaultAccountId?: string;
  /** Where each completed cycle of the task is recorded, for readiness on every replica. */
  heartbeat?: EngineHeartbeatStore;
  /** Where each completed cycle's metrics go, when `drs.cloudWatch` is configured. */
  cloudWatch?: CloudWatchPublisher;
}
