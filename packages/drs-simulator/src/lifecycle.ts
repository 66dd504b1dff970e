import { Dice } from './dice';
import { EventQueue } from './eventQueue';
import { newId } from './ids';
import { FailurePhase } from './inventory';
import { RecoverySnapshotRecord } from './snapshots';
import {
  JobLogRecord,
  JobRecord,
  LaunchSnapshotRecord,
  LaunchStatus,
  ParticipantRecord,
  SourceServerRecord,
  Tenant,
} from './state';

/**
 * How long each phase of a job takes at speed 1, in seconds (roughly a real drill:
 * a launch job takes about 8 minutes). At speed N every phase is N times shorter.
 */
export const JOB_PHASE_BASE_SECONDS = {
  pending: 5,
  snapshot: 60,
  conversion: 240,
  launch: 90,
  /** EC2 instance PENDING → RUNNING after launch. */
  boot: 30,
  cleanup: 45,
  terminate: 60,
};

/** Servers in one job do not move in lockstep: each phase lasts up to this much longer. */
const MAX_JITTER = 0.3;

export interface LifecycleContext {
  queue: EventQueue;
  /** How long a phase of `baseSeconds` lasts at the current speed. */
  durationMs(baseSeconds: number): number;
  /** Draws IDs of the instances a job creates. */
  ids: Dice;
  /** Draws per-server jitter. */
  outcomes: Dice;
}

export interface ServerLaunchPlan {
  server: SourceServerRecord;
  participant: ParticipantRecord;
  /** The snapshot asked for in StartRecovery; without it the job takes a new one. */
  recoverySnapshot?: RecoverySnapshotRecord;
  failAt?: FailurePhase;
}

function appendLog(
  job: JobRecord,
  at: number,
  event: JobLogRecord['event'],
  data?: JobLogRecord['data'],
) {
  job.log.push({ at, event, ...(data ? { data } : {}) });
}

/** Keeps the source server's `lifeCycle.lastLaunch.status` in step with its launch job. */
function setLaunchStatus(
  tenant: Tenant,
  job: JobRecord,
  participant: ParticipantRecord,
  status: LaunchStatus,
) {
  participant.launchStatus = status;
  const server = tenant.servers.get(participant.sourceServerID);
  if (job.type === 'LAUNCH' && server?.lastLaunch?.jobID === job.jobID) {
    server.lastLaunch.status = status;
  }
}

function startJob(
  ctx: LifecycleContext,
  tenant: Tenant,
  job: JobRecord,
  onStart?: () => void,
): number {
  const startedAt =
    job.createdAt + ctx.durationMs(JOB_PHASE_BASE_SECONDS.pending);
  ctx.queue.schedule(startedAt, () => {
    job.status = 'STARTED';
    appendLog(job, startedAt, 'JOB_START');
    for (const participant of job.participants) {
      setLaunchStatus(tenant, job, participant, 'IN_PROGRESS');
    }
    onStart?.();
  });
  return startedAt;
}

function endJob(
  ctx: LifecycleContext,
  job: JobRecord,
  at: number,
  onEnd: () => void,
) {
  ctx.queue.schedule(at, () => {
    onEnd();
    appendLog(job, at, 'JOB_END');
    job.status = 'COMPLETED';
    job.endedAt = at;
  });
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
  const { queue } = ctx;
  const startedAt = startJob(ctx, tenant, job);
  let launchPhaseEnd = startedAt;

  for (const plan of plans) {
    const { server, participant } = plan;
    const jitter = 1 + ctx.outcomes.next() * MAX_JITTER;
    const phase = (baseSeconds: number) =>
      Math.round(ctx.durationMs(baseSeconds) * jitter);
    const sourceServerID = server.sourceServerID;
    const conversionServerID = newId(ctx.ids, 'ec2Instance');
    const instanceID = newId(ctx.ids, 'ec2Instance');

    let t = startedAt;
    let pointInTimeAt: number;
    if (plan.recoverySnapshot) {
      pointInTimeAt = plan.recoverySnapshot.completedAt!;
      queue.schedule(t, () =>
        appendLog(job, startedAt, 'USING_PREVIOUS_SNAPSHOT', {
          sourceServerID,
        }),
      );
    } else {
      const snapshot: LaunchSnapshotRecord = {
        snapshotID: newId(ctx.ids, 'recoverySnapshot'),
        expectedAt: t,
      };
      pointInTimeAt = snapshot.expectedAt;
      queue.schedule(t, () => {
        server.launchSnapshots.push(snapshot);
        appendLog(job, startedAt, 'SNAPSHOT_START', { sourceServerID });
      });
      const snapshotEnd = (t += phase(JOB_PHASE_BASE_SECONDS.snapshot));
      queue.schedule(snapshotEnd, () => {
        snapshot.completedAt = snapshotEnd;
        appendLog(job, snapshotEnd, 'SNAPSHOT_END', { sourceServerID });
      });
    }

    const conversionStart = t;
    queue.schedule(conversionStart, () =>
      appendLog(job, conversionStart, 'CONVERSION_START', {
        sourceServerID,
        conversionServerID,
      }),
    );
    if (job.hangs) continue;

    const conversionEnd = (t += phase(JOB_PHASE_BASE_SECONDS.conversion));
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

    const launchEnd = (t += phase(JOB_PHASE_BASE_SECONDS.launch));
    launchPhaseEnd = Math.max(launchPhaseEnd, launchEnd);
    if (plan.failAt === 'launch') {
      queue.schedule(launchEnd, () => {
        setLaunchStatus(tenant, job, participant, 'FAILED');
        appendLog(job, launchEnd, 'LAUNCH_FAILED', {
          sourceServerID,
          targetInstanceID: instanceID,
          rawError: 'Instance failed to pass EC2 status checks (simulated)',
        });
      });
      continue;
    }
    queue.schedule(launchEnd, () => {
      // A new launch replaces the server's previous recovery instance, as in DRS.
      if (server.recoveryInstanceID) {
        tenant.recoveryInstances.delete(server.recoveryInstanceID);
      }
      tenant.recoveryInstances.set(instanceID, {
        recoveryInstanceID: instanceID,
        sourceServerID,
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
    queue.schedule(
      launchEnd + ctx.durationMs(JOB_PHASE_BASE_SECONDS.boot),
      () => {
        const instance = tenant.recoveryInstances.get(instanceID);
        if (instance?.ec2State === 'PENDING') instance.ec2State = 'RUNNING';
      },
    );
  }
  if (job.hangs) return;

  const cleanupStart = launchPhaseEnd;
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

/** Schedules a TERMINATE job: each instance shuts down and disappears, servers end TERMINATED. */
export function scheduleTerminateJob(
  ctx: LifecycleContext,
  tenant: Tenant,
  job: JobRecord,
): void {
  const startedAt = startJob(ctx, tenant, job, () => {
    for (const participant of job.participants) {
      const instance = tenant.recoveryInstances.get(
        participant.recoveryInstanceID!,
      );
      if (instance) instance.ec2State = 'SHUTTING-DOWN';
    }
  });
  if (job.hangs) return;
  const endAt = startedAt + ctx.durationMs(JOB_PHASE_BASE_SECONDS.terminate);
  endJob(ctx, job, endAt, () => {
    for (const participant of job.participants) {
      const instanceID = participant.recoveryInstanceID!;
      tenant.recoveryInstances.delete(instanceID);
      const server = tenant.servers.get(participant.sourceServerID);
      if (server?.recoveryInstanceID === instanceID) {
        delete server.recoveryInstanceID;
      }
      setLaunchStatus(tenant, job, participant, 'TERMINATED');
    }
  });
}
