import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  DrsJobObservation,
  DrsObservations,
  observationNeeds,
  RecoveryInstanceObservation,
} from '@drs-orchestration/plugin-drs-common/engine';
import { DrsLocation } from '../DrsGateway/types';
import { EngineContext } from './engineContext';

/**
 * The job log explains failures: it is read once, when a running wave's job completes with a
 * server that did not launch.
 */
async function readFailureLogs(
  engine: EngineContext,
  location: DrsLocation,
  executions: Execution[],
  jobs: Record<string, DrsJobObservation>,
) {
  const startedJobIds = new Set(
    executions.flatMap(e =>
      e.waves.filter(w => w.status === 'STARTED').map(w => w.jobId),
    ),
  );
  for (const job of Object.values(jobs)) {
    const failed = job.participatingServers.some(
      server => server.launchStatus !== 'LAUNCHED',
    );
    if (job.status === 'COMPLETED' && failed && startedJobIds.has(job.jobId)) {
      engine.metrics?.drsCalls.add(1, { operation: 'DescribeJobLogItems' });
      job.log = await engine.gateway.describeJobLog(location, job.jobId);
    }
  }
}

/** Source servers launched by now, as recorded or as DRS reports them. */
function launchedServers(
  executions: Execution[],
  jobs: Record<string, DrsJobObservation>,
): Set<string> {
  const launched = new Set<string>();
  for (const execution of executions) {
    for (const wave of execution.waves) {
      for (const server of wave.servers) {
        if (server.status === 'LAUNCHED') launched.add(server.sourceServerId);
      }
    }
  }
  for (const job of Object.values(jobs)) {
    for (const server of job.participatingServers) {
      if (server.launchStatus === 'LAUNCHED')
        launched.add(server.sourceServerId);
    }
  }
  return launched;
}

/**
 * Observes DRS once for all these executions (one account and region) and returns, for each
 * of them, its own part of what was seen: decide's lookups then stay small however many
 * executions share the location.
 */
export async function observe(
  engine: EngineContext,
  location: DrsLocation,
  executions: Execution[],
): Promise<(execution: Execution) => DrsObservations> {
  const { gateway, metrics } = engine;
  // Plain loops, no intermediate arrays: these run over every active execution each cycle.
  const needs = executions.map(observationNeeds);
  const jobIds = new Set<string>();
  const serverIds = new Set<string>();
  for (const need of needs) {
    for (const jobId of need.jobIds) jobIds.add(jobId);
    for (const id of need.sourceServerIdsNeedingInstances) serverIds.add(id);
  }
  const jobs: Record<string, DrsJobObservation> = {};
  const instances: Record<string, RecoveryInstanceObservation> = {};
  if (jobIds.size > 0) {
    metrics?.drsCalls.add(1, { operation: 'DescribeJobs' });
    for (const job of await gateway.describeJobs(location, [...jobIds]))
      jobs[job.jobId] = job;
  }
  await readFailureLogs(engine, location, executions, jobs);
  // Recovery instances exist only for launched servers: ask for those alone, which keeps
  // the calls per cycle proportional to servers that just launched, not to servers in flight.
  const launched = launchedServers(executions, jobs);
  const instanceIds = [...serverIds].filter(id => launched.has(id));
  if (instanceIds.length > 0) {
    metrics?.drsCalls.add(1, { operation: 'DescribeRecoveryInstances' });
    for (const instance of await gateway.describeRecoveryInstances(
      location,
      instanceIds,
    )) {
      instances[instance.sourceServerId] = instance;
    }
  }
  const needsById = new Map(
    executions.map((execution, i) => [execution.executionId, needs[i]]),
  );
  return execution => {
    const own = needsById.get(execution.executionId)!;
    const ownJobs: Record<string, DrsJobObservation> = {};
    for (const jobId of own.jobIds) {
      if (jobs[jobId]) ownJobs[jobId] = jobs[jobId];
    }
    const ownInstances: Record<string, RecoveryInstanceObservation> = {};
    if (instanceIds.length > 0) {
      for (const serverId of own.sourceServerIdsNeedingInstances) {
        if (instances[serverId]) ownInstances[serverId] = instances[serverId];
      }
    }
    return { jobs: ownJobs, recoveryInstancesBySourceServer: ownInstances };
  };
}
