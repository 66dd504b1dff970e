import { Execution } from '@drs-orchestration/plugin-drs-common';
import { RunEvidence } from './invariants';
import { RunOutcome } from './run';
import { ExecutionPlan } from './scenario';
import { ChaosWorld } from './world';

/** What the run left behind, read once the engines have stopped: the plugin's tables and DRS. */
export async function collectEvidence(
  world: ChaosWorld,
  plans: ExecutionPlan[],
  run: RunOutcome,
): Promise<RunEvidence> {
  const finals = new Map<string, Execution>();
  for (const executionId of run.executionIds.values()) {
    finals.set(executionId, await world.executions.get(executionId));
  }
  const accounts = world.simulator.state().accounts;
  const jobs = accounts.flatMap(a => a.jobs);
  return {
    plans,
    ...run,
    finals,
    sourceServerIds: world.sourceServerIds,
    calls: world.simulator.calls(),
    jobs: new Map(
      jobs.map(job => [
        job.jobID,
        {
          type: job.type,
          sourceServerIds: job.participatingServers.map(p => p.sourceServerID),
          recoveryInstanceIds: job.participatingServers.flatMap(p =>
            p.recoveryInstanceID ? [p.recoveryInstanceID] : [],
          ),
        },
      ]),
    ),
    recoveryInstanceIds: new Set(
      accounts.flatMap(a => a.recoveryInstances.map(i => i.recoveryInstanceID)),
    ),
  };
}
