import { Dice } from './dice';
import { EventQueue } from './eventQueue';
import {
  JobLogRecord,
  JobRecord,
  LaunchStatus,
  ParticipantRecord,
  RecoveryInstanceRecord,
  Tenant,
} from './state';

/**
 * How long each phase of a job takes at speed 1, in seconds (roughly a real drill:
 * a launch job takes about 8 minutes). At speed N every phase is N times shorter.
 *
 * @public
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

export interface LifecycleContext {
  queue: EventQueue;
  /** How long a phase of `baseSeconds` lasts at the current speed. */
  durationMs(baseSeconds: number): number;
  /** Draws IDs of the instances a job creates. */
  ids: Dice;
  /** Draws per-server jitter. */
  outcomes: Dice;
  /** A recovery instance disappears (terminated or replaced): what replicated it back loses its source. */
  instanceGone(instance: RecoveryInstanceRecord, at: number): void;
}

export function appendLog(
  job: JobRecord,
  at: number,
  event: JobLogRecord['event'],
  data?: JobLogRecord['data'],
) {
  job.log.push({ at, event, ...(data ? { data } : {}) });
}

/** Keeps the source server's `lifeCycle.lastLaunch.status` in step with its launch job. */
export function setLaunchStatus(
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

/** PENDING → STARTED once the pending phase is over; returns when that is. */
export function startJob(
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

/** COMPLETED at `at`, after `onEnd` has settled the job's servers. */
export function endJob(
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
      const instance = tenant.recoveryInstances.get(instanceID);
      if (instance) ctx.instanceGone(instance, endAt);
      tenant.recoveryInstances.delete(instanceID);
      const server = tenant.servers.get(participant.sourceServerID);
      if (server?.recoveryInstanceID === instanceID) {
        delete server.recoveryInstanceID;
      }
      setLaunchStatus(tenant, job, participant, 'TERMINATED');
    }
  });
}
