import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  DrsJobObservation,
  DrsObservations,
  observationNeeds,
  RecoveryInstanceObservation,
} from '@drs-orchestration/plugin-drs-common/engine';
import { DrsLocation } from '../DrsGateway/types';
import { isHeartbeatDue } from './drive';
import { EngineContext } from './engineContext';
import {
  observeAutomations,
  observeInstanceStatuses,
  ownPart,
} from './observeStepsAndHealth';

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

/** What DRS reports of these executions' jobs and of the recovery instances of launched servers. */
async function observeDrs(
  engine: EngineContext,
  location: DrsLocation,
  executions: Execution[],
  needs: ReturnType<typeof observationNeeds>[],
) {
  const { gateway, metrics } = engine;
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
  return { jobs, instances, askedForInstances: instanceIds.length > 0 };
}

type Needs = ReturnType<typeof observationNeeds>;

/**
 * What a cycle asks about the execution's completed waves: their servers' health is shown, not
 * waited for, so between heartbeats their EC2 status checks (and recovery instances, once their
 * EC2 instance is known) are left for the heartbeat, a minute at most. Asked every cycle, they
 * cost a DescribeInstanceStatus (and an EC2 answer in XML to parse) per 100 instances for every
 * wave that completed in the last minutes: the bulk of a cycle's CPU at N = 1000.
 */
function neededNow(engine: EngineContext, execution: Execution): Needs {
  const needs = observationNeeds(execution);
  if (isHeartbeatDue(execution, engine.now())) return needs;
  const instanceIds = new Set<string>();
  const serverIds = new Set<string>();
  for (const wave of execution.waves) {
    if (wave.status !== 'COMPLETED') continue;
    for (const server of wave.servers) {
      if (!server.ec2InstanceId) continue;
      instanceIds.add(server.ec2InstanceId);
      if (server.recoveryInstanceId) serverIds.add(server.sourceServerId);
    }
  }
  if (instanceIds.size === 0) return needs;
  return {
    ...needs,
    ec2InstanceIdsNeedingStatus: needs.ec2InstanceIdsNeedingStatus.filter(
      id => !instanceIds.has(id),
    ),
    sourceServerIdsNeedingInstances:
      needs.sourceServerIdsNeedingInstances.filter(id => !serverIds.has(id)),
  };
}

/**
 * Observes DRS, SSM and EC2 once for all these executions (one account and region), the three
 * at once, and returns, for each of them, its own part of what was seen: decide's lookups then
 * stay small however many executions share the location. DRS that cannot be observed fails
 * the whole location (the caller records it); an automation or instance that cannot be
 * observed holds back only the executions that need it.
 */
export async function observe(
  engine: EngineContext,
  location: DrsLocation,
  executions: Execution[],
): Promise<(execution: Execution) => DrsObservations> {
  // Plain loops, no intermediate arrays: these run over every active execution each cycle.
  const needs = executions.map(execution => neededNow(engine, execution));
  const automationIds = new Set<string>();
  const ec2InstanceIds = new Set<string>();
  for (const need of needs) {
    for (const id of need.automationExecutionIds) automationIds.add(id);
    for (const id of need.ec2InstanceIdsNeedingStatus) ec2InstanceIds.add(id);
  }
  const [drs, automations, statuses] = await Promise.all([
    observeDrs(engine, location, executions, needs),
    observeAutomations(engine, location, automationIds),
    observeInstanceStatuses(engine, location, ec2InstanceIds),
  ]);
  const needsById = new Map(
    executions.map((execution, i) => [execution.executionId, needs[i]]),
  );
  return execution => {
    const own = needsById.get(execution.executionId)!;
    const ownJobs: Record<string, DrsJobObservation> = {};
    for (const jobId of own.jobIds) {
      if (drs.jobs[jobId]) ownJobs[jobId] = drs.jobs[jobId];
    }
    const ownInstances: Record<string, RecoveryInstanceObservation> = {};
    if (drs.askedForInstances) {
      for (const serverId of own.sourceServerIdsNeedingInstances) {
        const instance = drs.instances[serverId];
        if (instance) ownInstances[serverId] = instance;
      }
    }
    const observations: DrsObservations = {
      jobs: ownJobs,
      recoveryInstancesBySourceServer: ownInstances,
    };
    if (own.automationExecutionIds.length > 0) {
      const { part, failure } = ownPart(
        automations,
        own.automationExecutionIds,
      );
      observations.automationExecutions = part;
      if (failure) observations.error = `SSM could not be observed: ${failure}`;
    }
    if (own.ec2InstanceIdsNeedingStatus.length > 0) {
      const { part, failure } = ownPart(
        statuses,
        own.ec2InstanceIdsNeedingStatus,
      );
      observations.instanceStatuses = part;
      if (failure)
        observations.error ??= `EC2 could not be observed: ${failure}`;
    }
    return observations;
  };
}
