import {
  endJob,
  JOB_PHASE_BASE_SECONDS,
  LifecycleContext,
  setLaunchStatus,
  startJob,
} from './lifecycle';
import { JobRecord, Tenant } from './state';

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
