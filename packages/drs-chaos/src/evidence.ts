import { Execution } from '@drs-orchestration/plugin-drs-common';
import { automationsByStep } from './automationInvariants';
import { RunEvidence } from './invariants';
import { collectLaunchWitnesses } from './pointsInTime';
import { RunOutcome } from './run';
import { ExecutionPlan, ORIGIN_REGION } from './scenario';
import { ChaosWorld } from './world';

/**
 * What the run left behind, read once the engines have stopped: the plugin's tables and DRS,
 * with DRS's account of every launch, and SSM's of every automation.
 */
export async function collectEvidence(
  world: ChaosWorld,
  plans: ExecutionPlan[],
  run: RunOutcome,
): Promise<RunEvidence> {
  const finals = new Map<string, Execution>();
  for (const executionId of run.executionIds.values()) {
    finals.set(executionId, await world.executions.get(executionId));
  }
  for (const outcome of run.failbacks.values()) {
    if (outcome.sent) {
      const { failbackExecutionId: id } = outcome;
      finals.set(id, await world.executions.get(id));
    }
  }
  // The run's calls, before the evidence reads below add theirs.
  const calls = world.simulator.calls();
  const everywhere = world.simulator.state().accounts;
  // The plans' executions run in the recovery region; their failbacks in the origin region.
  const accounts = everywhere.filter(a => a.region !== ORIGIN_REGION);
  const origin = everywhere.filter(a => a.region === ORIGIN_REGION);
  const jobs = everywhere.flatMap(a => a.jobs);
  const witnesses = await collectLaunchWitnesses(
    world,
    accounts
      .flatMap(a => a.jobs)
      .filter(job => job.type === 'LAUNCH')
      .map(job => ({
        jobId: job.jobID,
        sourceServerIds: job.participatingServers.map(p => p.sourceServerID),
      })),
  );
  return {
    plans,
    ...run,
    finals,
    sourceServerIds: world.sourceServerIds,
    calls,
    witnesses,
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
    automations: automationsByStep(accounts),
    failbackAutomations: automationsByStep(origin),
    recoveryInstanceIds: new Set(
      everywhere.flatMap(a =>
        a.recoveryInstances.map(i => i.recoveryInstanceID),
      ),
    ),
  };
}
