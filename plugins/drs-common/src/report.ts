import { worstDataLossSeconds } from './executions';
import { PointInTimeChoice } from './recoveryPoints';
import {
  Ec2StatusChecks,
  Execution,
  ExecutionRequests,
  ExecutionWave,
} from './executionTypes';
import { statusOf } from './objectiveTypes';
import { DrillCleanup, ExecutionStep } from './stepTypes';

/**
 * An objective the execution started under, beside what the execution measured against it.
 *
 * @public
 */
export interface ReportObjective {
  /** The objective as written, an ISO 8601 duration. */
  objective: string;
  /** The objective in seconds. */
  objectiveSeconds: number;
  /** Written on the entity (annotation) or on the plan (field). */
  source: 'entity' | 'plan';
  /** What the execution measured: total recovery time (RTO) or worst data loss (RPO). */
  measuredSeconds?: number;
  /**
   * The measurement against the objective; `not-measured` when the execution did not complete
   * (RTO) or no server launched (RPO).
   */
  status: 'met' | 'at-risk' | 'breached' | 'not-measured';
}

/**
 * One step's outcome in a {@link WaveReport}.
 *
 * @public
 */
export interface StepReport {
  /** The step's name in the plan. */
  name: string;
  /** `before` or `after` the wave's launch. */
  phase: string;
  /** automation, approval or wait. */
  type: string;
  /** Its status when the report was made (a StepStatus). */
  status: string;
  /** When it started, ISO-8601. */
  startedAt?: string;
  /** When it ended, ISO-8601. */
  endedAt?: string;
  /** How long it ran. */
  seconds?: number;
  /** For an automation: the runbook. */
  documentName?: string;
  /** For an automation: SSM's automation execution ID. */
  automationExecutionId?: string;
  /** For an automation: SSM's last status of it. */
  automationStatus?: string;
  /** For an automation: the runbook's outputs. */
  outputs?: Record<string, string[]>;
  /** For an approval: who approved. */
  approvedBy?: string;
  /** For an approval: when. */
  approvedAt?: string;
  /** Why it failed, timed out, was cancelled or skipped. */
  failureReason?: string;
}

/**
 * One wave's outcome in an {@link ExecutionReport}.
 *
 * @public
 */
export interface WaveReport {
  /** The wave's name in the plan. */
  name: string;
  /** Its status when the report was made (a WaveStatus). */
  status: string;
  /** When the wave started, ISO-8601. */
  startedAt?: string;
  /** When the wave ended, ISO-8601; absent while it runs. */
  endedAt?: string;
  /**
   * When its servers reached its `waitFor` (launched, or every one healthy); after steps follow.
   */
  recoveredAt?: string;
  /**
   * Measured recovery time of the wave: from its start to `recoveredAt`, so a HEALTHY wave's
   * ends when its servers became healthy; to its end when it never recovered.
   */
  seconds?: number;
  /** Its before and after steps, in order. */
  steps: StepReport[];
  /** Each server of the wave and how its launch went. */
  servers: {
    sourceServerId: string;
    hostname?: string;
    status: string;
    launchStatus?: string;
    ec2InstanceId?: string;
    failureReason?: string;
    /** The recovery snapshot the start chose for the server; absent when DRS used its latest. */
    recoverySnapshotId?: string;
    /** The point in time the launch used, ISO-8601: DRS's once launched, else the chosen one. */
    pointInTimeAt?: string;
    /** Achieved data loss: the launch time minus the point in time; absent if it failed. */
    dataLossSeconds?: number;
    /** When both EC2 status checks of its instance were first seen ok. */
    healthyAt?: string;
    /** The EC2 status checks last seen. */
    statusChecks?: Ec2StatusChecks;
  }[];
}

/**
 * What an execution measured and how it ended: the record of a post-drill review.
 *
 * @public
 */
export interface ExecutionReport {
  /** The execution reported on. */
  executionId: string;
  /** The plan's name when the execution started. */
  planName: string;
  /** The entity recovered. */
  entityRef: string;
  /** DRILL or RECOVERY. */
  mode: string;
  /** The execution's status when the report was made (an ExecutionStatus). */
  status: string;
  /** Why the execution is in that status, e.g. what failed. */
  statusReason?: string;
  /** Who started the execution (a user entity ref). */
  initiatedBy: string;
  /** When the engine started the execution, ISO-8601. */
  startedAt?: string;
  /** When the execution ended, ISO-8601; absent while it runs. */
  endedAt?: string;
  /** Measured total recovery time: from the start of the execution to its end. */
  totalSeconds?: number;
  /** The point in time the start asked for; absent means DRS's latest. */
  pointInTime?: PointInTimeChoice;
  /** For a RECOVERY: the largest data-loss window the person who started it accepted. */
  acceptedDataLossSeconds?: number;
  /** For a DRILL: started although some servers' replication was not healthy. */
  allowDegradedReplication?: boolean;
  /** The achieved recovery point: the largest data loss among the servers, in seconds. */
  worstDataLossSeconds?: number;
  /** Each wave's outcome, in plan order. */
  waves: WaveReport[];
  /** Servers DRS launched (LAUNCHED or HEALTHY). */
  serversLaunched: number;
  /** Servers whose launch failed. */
  serversFailed: number;
  /** For a DRILL whose plan asks for it: its automatic cleanup. */
  drillCleanup?: DrillCleanup;
  /** The request to terminate the drill's recovery instances, a person's or the cleanup's. */
  terminate?: ExecutionRequests['terminate'];
  /** The objectives it started under, each beside the measured time or data loss. */
  objectives?: { rto?: ReportObjective; rpo?: ReportObjective };
}

function secondsBetween(start?: string, end?: string): number | undefined {
  if (!start || !end) return undefined;
  const seconds = (Date.parse(end) - Date.parse(start)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0
    ? Math.round(seconds)
    : undefined;
}

function reportObjective(
  stated: { iso: string; seconds: number; source: 'entity' | 'plan' },
  measuredSeconds: number | undefined,
): ReportObjective {
  return {
    objective: stated.iso,
    objectiveSeconds: stated.seconds,
    source: stated.source,
    measuredSeconds,
    status:
      measuredSeconds === undefined
        ? 'not-measured'
        : statusOf(measuredSeconds, stated.seconds),
  };
}

/** The RTO against the total time of a completed execution, the RPO against its worst data loss. */
function objectivesReport(
  execution: Execution,
  totalSeconds: number | undefined,
  worstLossSeconds: number | undefined,
): ExecutionReport['objectives'] {
  const { rto, rpo } = execution.objectives ?? {};
  if (!rto && !rpo) return undefined;
  const completedIn =
    execution.status === 'COMPLETED' ? totalSeconds : undefined;
  return {
    ...(rto ? { rto: reportObjective(rto, completedIn) } : {}),
    ...(rpo ? { rpo: reportObjective(rpo, worstLossSeconds) } : {}),
  };
}

function stepReport(step: ExecutionStep): StepReport {
  const { name, phase, type, status, startedAt, endedAt } = step;
  return {
    ...{ name, phase, type, status, startedAt, endedAt },
    seconds: secondsBetween(startedAt, endedAt),
    ...(step.type === 'automation'
      ? {
          documentName: step.documentName,
          automationExecutionId: step.automationExecutionId,
          automationStatus: step.automationStatus,
          outputs: step.outputs,
        }
      : {}),
    ...(step.type === 'approval'
      ? { approvedBy: step.approvedBy, approvedAt: step.approvedAt }
      : {}),
    failureReason: step.failureReason,
  };
}

function waveReport(wave: ExecutionWave): WaveReport {
  return {
    name: wave.name,
    status: wave.status,
    startedAt: wave.startedAt,
    endedAt: wave.endedAt,
    recoveredAt: wave.recoveredAt,
    seconds: secondsBetween(wave.startedAt, wave.recoveredAt ?? wave.endedAt),
    steps: (wave.steps ?? []).map(stepReport),
    servers: wave.servers.map(server => ({
      sourceServerId: server.sourceServerId,
      hostname: server.hostname,
      status: server.status,
      launchStatus: server.launchStatus,
      ec2InstanceId: server.ec2InstanceId,
      failureReason: server.failureReason,
      recoverySnapshotId: server.recoverySnapshotId,
      pointInTimeAt: server.pointInTimeAt,
      dataLossSeconds: server.dataLossSeconds,
      healthyAt: server.healthyAt,
      statusChecks: server.statusChecks,
    })),
  };
}

/**
 * What a drill measured: per-wave and total recovery time, each step's and each server's outcome.
 *
 * @public
 */
export function executionReport(execution: Execution): ExecutionReport {
  const servers = execution.waves.flatMap(w => w.servers);
  const totalSeconds = secondsBetween(execution.startedAt, execution.endedAt);
  const worstLoss = worstDataLossSeconds(execution);
  const objectives = objectivesReport(execution, totalSeconds, worstLoss);
  return {
    executionId: execution.executionId,
    planName: execution.planName,
    entityRef: execution.entityRef,
    mode: execution.mode,
    status: execution.status,
    statusReason: execution.statusReason,
    initiatedBy: execution.initiatedBy,
    startedAt: execution.startedAt,
    endedAt: execution.endedAt,
    totalSeconds,
    pointInTime: execution.pointInTime,
    acceptedDataLossSeconds: execution.acceptedDataLossSeconds,
    allowDegradedReplication: execution.allowDegradedReplication,
    worstDataLossSeconds: worstLoss,
    waves: execution.waves.map(waveReport),
    serversLaunched: servers.filter(
      s => s.status === 'LAUNCHED' || s.status === 'HEALTHY',
    ).length,
    serversFailed: servers.filter(s => s.status === 'FAILED').length,
    drillCleanup: execution.drillCleanup,
    terminate: execution.requests.terminate,
    ...(objectives ? { objectives } : {}),
  };
}
