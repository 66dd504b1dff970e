/*
 * Points in time: every server a recovery launched was launched from the snapshot its start
 * recorded, however often its engine was killed; DRS is the witness.
 */
import { DEFAULT_FAULTS } from '@drs-orchestration/drs-simulator';
import {
  TEST_ACCOUNT_ID,
  TEST_REGION,
  testCredentialsManager,
} from '@drs-orchestration/drs-testkit';
import { createDefaultDrsGateway } from '@drs-orchestration/plugin-drs-backend';
import {
  Execution,
  ExecutionServer,
} from '@drs-orchestration/plugin-drs-common';
import { ExecutionPlan } from './scenario';
import { ChaosWorld } from './world';

/** What DRS says of one server's launch: its job log's events and its instance's point in time. */
export interface LaunchWitness {
  /** The events of the server's launch job that name it, e.g. USING_PREVIOUS_SNAPSHOT. */
  events: string[];
  /** The recovery instance's `pointInTimeSnapshotDateTime`; absent once terminated. */
  launchedFrom?: string;
}

/**
 * DRS's account of every launch job's servers, read once the engines have stopped, with the
 * faults switched off: the evidence must not depend on the luck of a read.
 */
export async function collectLaunchWitnesses(
  world: ChaosWorld,
  launchJobs: { jobId: string; sourceServerIds: string[] }[],
): Promise<Map<string, LaunchWitness>> {
  world.simulator.setFaults(DEFAULT_FAULTS);
  const drs = createDefaultDrsGateway({
    credentialsManager: testCredentialsManager(),
    endpoint: world.simulator.endpoint,
    defaultAccountId: TEST_ACCOUNT_ID,
  });
  const location = { region: TEST_REGION };
  const witnesses = new Map<string, LaunchWitness>();
  for (const job of launchJobs) {
    const log = await drs.describeJobLog(location, job.jobId);
    for (const sourceServerId of job.sourceServerIds) {
      witnesses.set(sourceServerId, {
        events: log
          .filter(event => event.sourceServerId === sourceServerId)
          .map(event => event.event),
      });
    }
  }
  const instances = await drs.describeRecoveryInstances(location, [
    ...witnesses.keys(),
  ]);
  for (const instance of instances) {
    const witness = witnesses.get(instance.sourceServerId);
    if (witness) witness.launchedFrom = instance.pointInTimeAt;
  }
  return witnesses;
}

const sameInstant = (a?: string, b?: string) =>
  a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b);

/** How one server launched, against what its start recorded; each broken rule, named. */
function checkServer(
  server: ExecutionServer,
  recorded: ExecutionServer | undefined,
  witness: LaunchWitness | undefined,
  cutOff: string | undefined,
): string[] {
  const found: string[] = [];
  const name = server.hostname ?? server.sourceServerId;
  if (server.recoverySnapshotId !== recorded?.recoverySnapshotId) {
    found.push(
      `[point in time] ${name}: the start recorded snapshot ${recorded?.recoverySnapshotId}, the execution ends with ${server.recoverySnapshotId}`,
    );
  }
  if (cutOff && !recorded?.recoverySnapshotId) {
    found.push(`[point in time] ${name}: the start chose no snapshot`);
  }
  if (!witness) return found;
  const previous = witness.events.includes('USING_PREVIOUS_SNAPSHOT');
  const taken = witness.events.includes('SNAPSHOT_START');
  if (cutOff ? !previous || taken : previous || !taken) {
    found.push(
      `[point in time] ${name}: DRS's job log (${witness.events.join(
        ', ',
      )}) shows ${cutOff ? 'no launch from the chosen' : 'no new'} snapshot`,
    );
  }
  if (cutOff && witness.launchedFrom) {
    if (!sameInstant(witness.launchedFrom, recorded?.pointInTimeAt)) {
      found.push(
        `[point in time] ${name}: DRS launched it from ${witness.launchedFrom}, not from snapshot ${recorded?.recoverySnapshotId} of ${recorded?.pointInTimeAt}`,
      );
    }
    if (Date.parse(witness.launchedFrom) > Date.parse(cutOff)) {
      found.push(
        `[point in time] ${name}: launched from ${witness.launchedFrom}, after the cut-off ${cutOff}`,
      );
    }
  }
  return found;
}

/**
 * The achieved recovery point: a server that launched and did not fail records DRS's point in
 * time and the data lost since it, launchedAt − that point; a failed one records no loss.
 */
function checkRecoveryPoint(
  server: ExecutionServer,
  witness: LaunchWitness | undefined,
): string[] {
  const name = server.hostname ?? server.sourceServerId;
  if (server.status === 'FAILED') {
    return server.dataLossSeconds === undefined
      ? []
      : [`[recovery point] ${name} failed but records a data loss`];
  }
  if (server.status !== 'LAUNCHED' && server.status !== 'HEALTHY') return [];
  const lost = Math.ceil(
    (Date.parse(server.launchedAt ?? '') -
      Date.parse(server.pointInTimeAt ?? '')) /
      1000,
  );
  const drsPointInTime = witness?.launchedFrom ?? server.pointInTimeAt;
  if (
    !sameInstant(server.pointInTimeAt, drsPointInTime) ||
    server.dataLossSeconds !== Math.max(0, lost)
  ) {
    return [
      `[recovery point] ${name}: recorded point in time ${server.pointInTimeAt} (DRS: ${witness?.launchedFrom}) and data loss ${server.dataLossSeconds} s, launched ${server.launchedAt}`,
    ];
  }
  return [];
}

/**
 * For every server of an execution: it kept the snapshot its start recorded; DRS launched it
 * from that snapshot (a recovery from a cut-off: the job used a previous snapshot, the instance
 * names the recorded point in time, never one after the cut-off) or from a new one (a drill);
 * and it records the recovery point it achieved.
 */
export function checkPointsInTime(
  plan: ExecutionPlan,
  startedAs: Execution,
  final: Execution,
  witnesses: Map<string, LaunchWitness>,
): string[] {
  const cutOff =
    startedAs.pointInTime?.type === 'before'
      ? startedAs.pointInTime.at
      : undefined;
  const found: string[] = [];
  if ((plan.recoveryCutOffAgoMs !== undefined) !== (cutOff !== undefined)) {
    found.push(
      `[point in time] started as a ${final.mode} with ${JSON.stringify(
        startedAs.pointInTime,
      )}`,
    );
  }
  const recorded = new Map(
    startedAs.waves.flatMap(w => w.servers).map(s => [s.sourceServerId, s]),
  );
  for (const server of final.waves.flatMap(w => w.servers)) {
    const witness = witnesses.get(server.sourceServerId);
    found.push(
      ...checkServer(
        server,
        recorded.get(server.sourceServerId),
        witness,
        cutOff,
      ),
      ...checkRecoveryPoint(server, witness),
    );
  }
  return found;
}

/** One line on the points in time of the run. */
export function pointsInTimeSummary(
  plans: ExecutionPlan[],
  finals: Execution[],
  witnesses: Map<string, LaunchWitness>,
): string {
  const recoveries = finals.filter(e => e.mode === 'RECOVERY');
  const fromSnapshot = recoveries
    .flatMap(e => e.waves.flatMap(w => w.servers))
    .filter(s =>
      witnesses
        .get(s.sourceServerId)
        ?.events.includes('USING_PREVIOUS_SNAPSHOT'),
    ).length;
  const worst = (executions: Execution[]) =>
    Math.max(
      0,
      ...executions.flatMap(e =>
        e.waves.flatMap(w => w.servers.map(s => s.dataLossSeconds ?? 0)),
      ),
    );
  const ages = plans.flatMap(p =>
    p.recoveryCutOffAgoMs === undefined ? [] : [p.recoveryCutOffAgoMs / 1000],
  );
  return `  points in time: ${
    recoveries.length
  } recoveries from a cut-off ${Math.round(Math.min(...ages))}–${Math.round(
    Math.max(...ages),
  )} s back, ${fromSnapshot} servers launched from their recorded snapshot (DRS job log and instance); worst data loss ${worst(
    recoveries,
  )} s in a recovery, ${worst(
    finals.filter(e => e.mode === 'DRILL'),
  )} s in a drill`;
}
