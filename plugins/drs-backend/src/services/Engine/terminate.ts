import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  recordObservationError,
  recordTerminateRefused,
  recordTerminateStarted,
} from '@drs-orchestration/plugin-drs-common/engine';
import { describeAwsError, errorName } from '../awsFailures';
import { isPermanentDrsError, transientReason } from '../DrsGateway/drsErrors';
import { EngineContext } from './engineContext';
import { jobsSince } from './recentJobs';

/**
 * A TERMINATE job DRS started for all these instances since the request: one whose answer
 * was lost (a 5xx after DRS created it, or a crash), which must be adopted, not repeated.
 */
async function findTerminateJob(
  engine: EngineContext,
  execution: Execution,
  recoveryInstanceIds: string[],
) {
  const jobs = await jobsSince(
    engine,
    execution,
    execution.requests.terminate?.at ?? execution.createdAt,
  );
  return jobs.find(job => {
    const terminated = new Set(
      job.participatingServers.map(server => server.recoveryInstanceId),
    );
    return (
      job.type === 'TERMINATE' &&
      recoveryInstanceIds.every(id => terminated.has(id))
    );
  });
}

/** Terminates a finished drill's recovery instances with one TERMINATE job, adopting a lost one. */
export async function terminate(
  engine: EngineContext,
  execution: Execution,
  recoveryInstanceIds: string[],
): Promise<Execution> {
  try {
    const earlier = await findTerminateJob(
      engine,
      execution,
      recoveryInstanceIds,
    );
    if (earlier)
      return recordTerminateStarted(execution, earlier.jobId, engine.now());
    engine.metrics?.drsCalls.add(1, {
      operation: 'TerminateRecoveryInstances',
    });
    const { jobId } = await engine.gateway.terminateRecoveryInstances(
      engine.locationOf(execution),
      recoveryInstanceIds,
    );
    return recordTerminateStarted(execution, jobId, engine.now());
  } catch (error) {
    engine.metrics?.drsErrors.add(1, { error: errorName(error) });
    if (isPermanentDrsError(error)) {
      // The SDK's retry of a call whose answer was lost finds the instances gone once the
      // TERMINATE job it created has finished: that job is the answer, not a refusal.
      const earlier = await findTerminateJob(
        engine,
        execution,
        recoveryInstanceIds,
      ).catch(() => undefined);
      if (earlier) {
        return recordTerminateStarted(execution, earlier.jobId, engine.now());
      }
      return recordTerminateRefused(
        execution,
        describeAwsError(error),
        engine.now(),
      );
    }
    // Throttling, 5xx, no capacity, a job still holding the servers: the next cycle looks again.
    return recordObservationError(
      execution,
      transientReason(error),
      engine.now(),
    );
  }
}
