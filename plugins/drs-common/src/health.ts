import { PointsInTimeRead, ServerReadiness } from './recoveryPoints';
import { serverName, serverReadiness } from './readiness';
import { isReplicating, isReplicationContinuous } from './replication';
import { isActiveExecutionStatus } from './statuses';
import { SourceServer } from './types';
import { ExecutionProgress, ExecutionSummary } from './executionTypes';
import { describeExecutionOutcome } from './executionOutcome';
import type { DrObjectives } from './objectiveTypes';
import type { DrillScheduleStatus } from './drillScheduleTypes';
import type { WayBackHealth } from './wayBackHealth';

/** A drill older than this no longer proves the service can recover. */
export const STALE_DRILL_DAYS = 90;

/**
 * An entity's DR readiness at a glance: its servers' replication, its plans, its last drill,
 * and what stands in the way of a recovery.
 *
 * @public
 */
export interface DrHealth {
  /** The entity assessed. */
  entityRef: string;
  /** The AWS region DRS was asked about. */
  region: string;
  /** The AWS account of the servers; absent for the backend's default account. */
  accountId?: string;
  /** The entity's source servers as DRS counts them. */
  servers: {
    total: number;
    /**
     * Servers a recovery could launch right now: each has a completed point in time, or
     * replicates so that DRS takes one at launch. Replication that stopped does not stop a
     * recovery; it loses the data since the point in time.
     */
    launchable: number;
    /** Servers replicating continuously (CONTINUOUS): the ones a drill proves anything from. */
    replicating: number;
    /** Count of servers per DRS replication state. */
    byState: Record<string, number>;
  };
  /** The worst replication lag: the data a recovery started now would lose (RPO now). */
  worstLagSeconds?: number;
  /** How many recovery plans the entity has; none is a problem. */
  planCount: number;
  /** The newest finished drill, the evidence that recovery works; absent when never drilled. */
  lastDrill?: {
    executionId: string;
    status: string;
    startedAt?: string;
    endedAt?: string;
    /** Measured recovery time of that drill, start to end; only for a COMPLETED one. */
    recoverySeconds?: number;
    /** Why it ended as it did, e.g. what failed or who cancelled it. */
    statusReason?: string;
    /** The plan's waves when it ran. */
    waveCount?: number;
    /** The plan's servers when it ran. */
    serverCount?: number;
    /** Waves that completed. */
    completedWaveCount?: number;
    /** How far it got, for one that did not complete: see describeExecutionOutcome. */
    progress?: ExecutionProgress;
  };
  /**
   * True when a recent drill completed: recovery is proven, not only possible. `canRecoverNow`
   * says what replication allows now; this says whether a drill showed it works.
   */
  proven?: boolean;
  /** Drills and recoveries of the entity still running. */
  activeExecutions: Pick<
    ExecutionSummary,
    'executionId' | 'status' | 'mode' | 'planName'
  >[];
  /** True when a recovery started now could launch every server (see `servers.launchable`). */
  canRecoverNow: boolean;
  /** What stands in the way, in words a person can act on; empty when healthy. */
  problems: string[];
  /**
   * The recovery objectives (annotations, plan fields) against the evidence; the backend adds
   * them with {@link assessObjectives}.
   */
  objectives?: DrObjectives;
  /**
   * The drill schedules of the entity's plans (those that have one), each with its next due
   * time and whether it is overdue; the backend adds them with `assessDrillSchedules`.
   */
  drillSchedules?: DrillScheduleStatus[];
  /**
   * The way back from the latest completed recovery (running in the recovery region, reverse
   * replication in progress, failing back, protected); absent when it never recovered. The
   * backend adds it with `assessWayBack`.
   */
  wayBack?: WayBackHealth;
}

/** What stands in the way of recovering the servers, in words a person can act on. */
function serverProblems(
  servers: SourceServer[],
  byState: Record<string, number>,
  readiness: ServerReadiness[],
  serversError: string | undefined,
): string[] {
  const problems: string[] = [];
  if (serversError) {
    problems.push(`DRS could not be asked: ${serversError}`);
  } else if (servers.length === 0) {
    problems.push('DRS reports no source servers for this service');
  }
  for (const [state, count] of Object.entries(byState)) {
    if (isReplicationContinuous(state)) continue;
    const are = count === 1 ? '1 server is' : `${count} servers are`;
    const them = count === 1 ? 'it' : 'them';
    problems.push(
      isReplicating(state)
        ? `${are} ${state}: replication is behind, and drills refuse ${them}`
        : `${are} ${state}, not replicating: drills refuse ${them}, and a recovery launches ${them} from the last point in time`,
    );
  }
  for (const server of readiness) {
    if (!server.launchable) {
      problems.push(
        `${serverName(server)} cannot be launched: it ${server.blockingReason}`,
      );
    }
  }
  return problems;
}

function isStale(drill: ExecutionSummary, now: Date): boolean {
  const ageMs = drill.endedAt ? now.getTime() - Date.parse(drill.endedAt) : 0;
  return ageMs > STALE_DRILL_DAYS * 86_400_000;
}

/** What the newest finished drill says against the service: none, failed, cancelled or stale. */
function drillProblems(
  drill: ExecutionSummary | undefined,
  now: Date,
): string[] {
  if (!drill) return ['Never drilled'];
  if (drill.status !== 'COMPLETED') {
    return [
      `The last drill ${
        describeExecutionOutcome(drill) ??
        (drill.status === 'CANCELLED' ? 'was cancelled' : 'failed')
      }`,
    ];
  }
  return isStale(drill, now)
    ? [`The last successful drill is older than ${STALE_DRILL_DAYS} days`]
    : [];
}

/**
 * Judges an entity's DR readiness from DRS's view of its servers and its execution history.
 *
 * @public
 */
export function assessDrHealth(input: {
  entityRef: string;
  region: string;
  accountId?: string;
  servers: SourceServer[];
  /**
   * The recovery snapshots of the servers that are not replicating, by source server ID (see
   * `needsPointsInTime`): a server without any cannot be launched.
   */
  pointsInTime?: Readonly<Record<string, PointsInTimeRead>>;
  /** Set when DRS could not be asked; the servers are then unknown, not absent. */
  serversError?: string;
  planCount: number;
  /** Newest first. */
  executions: ExecutionSummary[];
  now: Date;
}): DrHealth {
  const byState: Record<string, number> = {};
  for (const server of input.servers) {
    byState[server.replicationState] =
      (byState[server.replicationState] ?? 0) + 1;
  }
  const readiness = input.servers.map(server =>
    serverReadiness(
      {
        sourceServerId: server.sourceServerId,
        waveName: '',
        server,
        pointsInTime: input.pointsInTime?.[server.sourceServerId],
      },
      { mode: 'RECOVERY', now: input.now },
    ),
  );
  const launchable = readiness.filter(r => r.launchable).length;
  const replicating = input.servers.filter(s =>
    isReplicationContinuous(s.replicationState),
  ).length;
  const lags = input.servers
    .map(s => s.lagSeconds)
    .filter((lag): lag is number => lag !== undefined);
  const drill = input.executions.find(
    e => e.mode === 'DRILL' && !isActiveExecutionStatus(e.status),
  );
  const problems = [
    ...serverProblems(input.servers, byState, readiness, input.serversError),
    ...(input.planCount === 0 ? ['No recovery plan'] : []),
    ...drillProblems(drill, input.now),
  ];
  // Only a drill that completed recovered anything: a failed or cancelled one measures nothing.
  const recoverySeconds =
    drill?.status === 'COMPLETED' && drill.startedAt && drill.endedAt
      ? Math.round(
          (Date.parse(drill.endedAt) - Date.parse(drill.startedAt)) / 1000,
        )
      : undefined;
  return {
    entityRef: input.entityRef,
    region: input.region,
    accountId: input.accountId,
    servers: { total: input.servers.length, launchable, replicating, byState },
    worstLagSeconds: lags.length > 0 ? Math.max(...lags) : undefined,
    planCount: input.planCount,
    lastDrill: drill && {
      executionId: drill.executionId,
      status: drill.status,
      startedAt: drill.startedAt,
      endedAt: drill.endedAt,
      recoverySeconds,
      statusReason: drill.statusReason,
      waveCount: drill.waveCount,
      serverCount: drill.serverCount,
      completedWaveCount: drill.completedWaveCount,
      progress: drill.progress,
    },
    proven: drill?.status === 'COMPLETED' && !isStale(drill, input.now),
    activeExecutions: input.executions
      .filter(e => isActiveExecutionStatus(e.status))
      .map(({ executionId, status, mode, planName }) => ({
        executionId,
        status,
        mode,
        planName,
      })),
    canRecoverNow:
      input.servers.length > 0 &&
      launchable === input.servers.length &&
      input.planCount > 0,
    problems,
  };
}
