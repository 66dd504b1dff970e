/*
 * The lifecycle of a request to terminate a drill's recovery instances:
 * REQUESTED → (command, then recordTerminateStarted) STARTED → COMPLETED | FAILED.
 * It runs on terminal executions too: cleaning up after a finished drill is the usual case.
 */
import { Execution } from '../executionTypes';
import { DrsObservations, EngineCommand } from './types';
import { allServers, recoveryInstanceIds } from './waves';

type TerminateRequest = NonNullable<Execution['requests']['terminate']>;

export function isTerminateInFlight(
  terminate: TerminateRequest | undefined,
): boolean {
  const status = terminate && (terminate.status ?? 'REQUESTED');
  return status === 'REQUESTED' || status === 'STARTED';
}

function fail(terminate: TerminateRequest, reason: string, now: string) {
  terminate.status = 'FAILED';
  terminate.failureReason = reason;
  terminate.endedAt = now;
}

/** Advances the draft's terminate request; returns the TERMINATE command while it is only requested. */
export function advanceTerminate(
  execution: Execution,
  observations: DrsObservations,
  now: string,
): EngineCommand[] {
  const terminate = execution.requests.terminate;
  if (!terminate || !isTerminateInFlight(terminate)) return [];

  if (terminate.status !== 'STARTED') {
    const ids = recoveryInstanceIds(execution);
    if (ids.length === 0) {
      fail(
        terminate,
        'DRS reported no recovery instance for the launched servers; nothing to terminate',
        now,
      );
      return [];
    }
    return [{ type: 'TERMINATE_RECOVERY_INSTANCES', recoveryInstanceIds: ids }];
  }

  const job = terminate.jobId ? observations.jobs[terminate.jobId] : undefined;
  if (job?.status !== 'COMPLETED') return [];
  // For a TERMINATE job, DRS reports launch status TERMINATED for each instance it removed.
  const survivors = job.participatingServers.filter(
    server => server.launchStatus !== 'TERMINATED',
  );
  if (survivors.length > 0) {
    const names = survivors.map(
      server =>
        `${server.sourceServerId} (${
          server.launchStatus ?? 'no launch status'
        })`,
    );
    fail(
      terminate,
      `DRS job ${job.jobId} did not terminate the instances of ${names.join(
        ', ',
      )}`,
      now,
    );
    return [];
  }
  terminate.status = 'COMPLETED';
  terminate.endedAt = now;
  // DRS no longer lists a terminated recovery instance, so its last state would stay RUNNING.
  const removed = new Set(job.participatingServers.map(s => s.sourceServerId));
  for (const server of allServers(execution)) {
    if (removed.has(server.sourceServerId) && server.recoveryInstanceId) {
      server.ec2InstanceState = 'TERMINATED';
    }
  }
  return [];
}
