import { newId } from './ids';
import { FailurePhase } from './inventory';
import {
  appendLog,
  endJob,
  JOB_PHASE_BASE_SECONDS,
  LifecycleContext,
  setLaunchStatus,
  startJob,
} from './lifecycle';
import { RecoverySnapshotRecord } from './snapshots';
import {
  JobRecord,
  LaunchSnapshotRecord,
  ParticipantRecord,
  SourceServerRecord,
  Tenant,
} from './state';

/** Servers in one job do not move in lockstep: each phase lasts up to this much longer. */
const MAX_JITTER = 0.3;

export interface ServerLaunchPlan {
  server: SourceServerRecord;
  participant: ParticipantRecord;
  /**
   * The completed snapshot it launches from: the one StartRecovery named, or the newest of a
   * server that does not replicate. Without it the job takes an on-demand snapshot.
   */
  recoverySnapshot?: RecoverySnapshotRecord;
  failAt?: FailurePhase;
}

/** One server's launch as it is scheduled: its IDs, and how long its phases last. */
interface ServerLaunch {
  ctx: LifecycleContext;
  tenant: Tenant;
  job: JobRecord;
  plan: ServerLaunchPlan;
  startedAt: number;
  /** A phase of `baseSeconds`, stretched by this server's jitter. */
  phase(baseSeconds: number): number;
  conversionServerID: string;
  instanceID: string;
}

/**
 * Schedules a launch job: PENDING → STARTED → COMPLETED, each server
 * PENDING → IN_PROGRESS → LAUNCHED | FAILED, with the traps real DRS sets
 * (COMPLETED with FAILED servers, LAUNCHED → FAILED in cleanup).
 */
export function scheduleLaunchJob(
  ctx: LifecycleContext,
  tenant: Tenant,
  job: JobRecord,
  plans: ServerLaunchPlan[],
): void {
  const startedAt = startJob(ctx, tenant, job);
  let launchPhaseEnd = startedAt;
  for (const plan of plans) {
    // Drawn in this order for every server, so a seed gives the same IDs and timings.
    const jitter = 1 + ctx.outcomes.next() * MAX_JITTER;
    const launch: ServerLaunch = {
      ctx,
      tenant,
      job,
      plan,
      startedAt,
      phase: baseSeconds => Math.round(ctx.durationMs(baseSeconds) * jitter),
      conversionServerID: newId(ctx.ids, 'ec2Instance'),
      instanceID: newId(ctx.ids, 'ec2Instance'),
    };
    const launchEnd = scheduleServerLaunch(launch);
    if (launchEnd !== undefined) {
      launchPhaseEnd = Math.max(launchPhaseEnd, launchEnd);
    }
  }
  if (job.hangs) return;
  scheduleCleanup(ctx, tenant, job, plans, launchPhaseEnd);
}

/**
 * Snapshot, conversion and launch of one server. Returns when its launch phase ends, or
 * undefined when the job hangs (the server stays in conversion).
 */
function scheduleServerLaunch(launch: ServerLaunch): number | undefined {
  const { ctx, tenant, job, plan, phase, conversionServerID, instanceID } =
    launch;
  const { queue } = ctx;
  const sourceServerID = plan.server.sourceServerID;
  const { pointInTimeAt, snapshotEnd: conversionStart } =
    scheduleSnapshot(launch);
  queue.schedule(conversionStart, () =>
    appendLog(job, conversionStart, 'CONVERSION_START', {
      sourceServerID,
      conversionServerID,
    }),
  );
  if (job.hangs) return undefined;

  const conversionEnd =
    conversionStart + phase(JOB_PHASE_BASE_SECONDS.conversion);
  queue.schedule(conversionEnd, () => {
    appendLog(job, conversionEnd, 'CONVERSION_END', {
      sourceServerID,
      conversionServerID,
    });
    appendLog(job, conversionEnd, 'LAUNCH_START', {
      sourceServerID,
      targetInstanceID: instanceID,
    });
  });

  const launchEnd = conversionEnd + phase(JOB_PHASE_BASE_SECONDS.launch);
  if (plan.failAt === 'launch') {
    queue.schedule(launchEnd, () => {
      setLaunchStatus(tenant, job, plan.participant, 'FAILED');
      appendLog(job, launchEnd, 'LAUNCH_FAILED', {
        sourceServerID,
        targetInstanceID: instanceID,
        rawError: 'Instance failed to pass EC2 status checks (simulated)',
      });
    });
  } else {
    scheduleRecoveryInstance(launch, launchEnd, pointInTimeAt);
  }
  return launchEnd;
}

/**
 * The point in time a server launches from: a previous snapshot (USING_PREVIOUS_SNAPSHOT), or
 * an on-demand one the job takes. Returns its `timestamp`, which the recovery instance reports
 * as `pointInTimeSnapshotDateTime`, and when the snapshot phase ends.
 */
function scheduleSnapshot({ ctx, job, plan, startedAt, phase }: ServerLaunch): {
  pointInTimeAt: number;
  snapshotEnd: number;
} {
  const { server, recoverySnapshot } = plan;
  const sourceServerID = server.sourceServerID;
  if (recoverySnapshot) {
    ctx.queue.schedule(startedAt, () =>
      appendLog(job, startedAt, 'USING_PREVIOUS_SNAPSHOT', {
        sourceServerID,
      }),
    );
    return {
      pointInTimeAt: recoverySnapshot.completedAt!,
      snapshotEnd: startedAt,
    };
  }
  const snapshot: LaunchSnapshotRecord = {
    snapshotID: newId(ctx.ids, 'recoverySnapshot'),
    expectedAt: startedAt,
  };
  ctx.queue.schedule(startedAt, () => {
    server.launchSnapshots.push(snapshot);
    appendLog(job, startedAt, 'SNAPSHOT_START', { sourceServerID });
  });
  const snapshotEnd = startedAt + phase(JOB_PHASE_BASE_SECONDS.snapshot);
  ctx.queue.schedule(snapshotEnd, () => {
    snapshot.completedAt = snapshotEnd;
    appendLog(job, snapshotEnd, 'SNAPSHOT_END', { sourceServerID });
  });
  return { pointInTimeAt: snapshotEnd, snapshotEnd };
}

/** The server is LAUNCHED with a new recovery instance, which boots to RUNNING. */
function scheduleRecoveryInstance(
  { ctx, tenant, job, plan, instanceID }: ServerLaunch,
  launchEnd: number,
  pointInTimeAt: number,
) {
  const { server, participant } = plan;
  ctx.queue.schedule(launchEnd, () => {
    // A new launch replaces the server's previous recovery instance, as in DRS.
    const previous =
      server.recoveryInstanceID &&
      tenant.recoveryInstances.get(server.recoveryInstanceID);
    if (previous) {
      ctx.instanceGone(previous, launchEnd);
      tenant.recoveryInstances.delete(previous.recoveryInstanceID);
    }
    tenant.recoveryInstances.set(instanceID, {
      recoveryInstanceID: instanceID,
      sourceServerID: server.sourceServerID,
      jobID: job.jobID,
      isDrill: job.isDrill,
      launchedAt: launchEnd,
      pointInTimeAt,
      tags: { ...job.tags },
      ec2State: 'PENDING',
    });
    server.recoveryInstanceID = instanceID;
    participant.recoveryInstanceID = instanceID;
    setLaunchStatus(tenant, job, participant, 'LAUNCHED');
  });
  ctx.queue.schedule(
    launchEnd + ctx.durationMs(JOB_PHASE_BASE_SECONDS.boot),
    () => {
      const instance = tenant.recoveryInstances.get(instanceID);
      if (instance?.ec2State === 'PENDING') instance.ec2State = 'RUNNING';
    },
  );
}

/**
 * Cleanup once every server's launch phase is over: servers failing in cleanup turn FAILED
 * halfway through, then the job ends and each server's last launch result is settled.
 */
function scheduleCleanup(
  ctx: LifecycleContext,
  tenant: Tenant,
  job: JobRecord,
  plans: ServerLaunchPlan[],
  cleanupStart: number,
) {
  const { queue } = ctx;
  const cleanupEnd =
    cleanupStart + ctx.durationMs(JOB_PHASE_BASE_SECONDS.cleanup);
  const cleanupFailure = Math.round((cleanupStart + cleanupEnd) / 2);
  queue.schedule(cleanupStart, () =>
    appendLog(job, cleanupStart, 'CLEANUP_START'),
  );
  for (const plan of plans.filter(p => p.failAt === 'cleanup')) {
    queue.schedule(cleanupFailure, () => {
      setLaunchStatus(tenant, job, plan.participant, 'FAILED');
      appendLog(job, cleanupFailure, 'CLEANUP_FAIL', {
        sourceServerID: plan.server.sourceServerID,
        rawError: 'Failed to clean up the conversion server (simulated)',
      });
    });
  }
  queue.schedule(cleanupEnd, () => appendLog(job, cleanupEnd, 'CLEANUP_END'));
  endJob(ctx, job, cleanupEnd, () => {
    for (const { server } of plans) {
      if (server.lastLaunch?.jobID === job.jobID) {
        server.lastLaunchResult =
          server.lastLaunch.status === 'LAUNCHED' ? 'SUCCEEDED' : 'FAILED';
      }
    }
  });
}
