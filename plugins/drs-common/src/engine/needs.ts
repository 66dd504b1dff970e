import { isActiveExecutionStatus } from '../statuses';
import { Execution } from '../executionTypes';
import { isTerminateInFlight } from './terminate';
import { allServers, wasLaunched } from './waves';

/**
 * Which job IDs and which source servers' recovery instances the plumbing must observe for this execution.
 *
 * @public
 */
export function observationNeeds(execution: Execution): {
  jobIds: string[];
  sourceServerIdsNeedingInstances: string[];
} {
  const jobIds: string[] = [];
  const sourceServerIds = new Set<string>();
  if (isActiveExecutionStatus(execution.status)) {
    for (const wave of execution.waves) {
      if (wave.status === 'STARTED' && wave.jobId) jobIds.push(wave.jobId);
      for (const server of wave.servers) {
        // Running waves for recovery instance IDs the job may lack; completed waves for health.
        const launching =
          wave.status === 'STARTED' &&
          (server.status === 'LAUNCHING' || server.status === 'LAUNCHED');
        const awaitingHealth =
          wave.status === 'COMPLETED' && server.status === 'LAUNCHED';
        if (launching || awaitingHealth)
          sourceServerIds.add(server.sourceServerId);
      }
    }
  }
  const terminate = execution.requests.terminate;
  if (terminate?.status === 'STARTED' && terminate.jobId) {
    jobIds.push(terminate.jobId);
  } else if (isTerminateInFlight(terminate)) {
    // The TERMINATE command needs the instance IDs a job did not report.
    allServers(execution)
      .filter(server => wasLaunched(server) && !server.recoveryInstanceId)
      .forEach(server => sourceServerIds.add(server.sourceServerId));
  }
  return { jobIds, sourceServerIdsNeedingInstances: [...sourceServerIds] };
}
