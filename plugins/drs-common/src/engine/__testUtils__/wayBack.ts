import { Execution } from '../../executionTypes';
import { recordReverseReplicationStarted } from '../reverseRecords';
import { ReversedServerObservation } from '../reverseTypes';
import { requestReverseReplication } from '../wayBackRequests';
import {
  at,
  makeExecution,
  noObservations,
  recoveryInstanceIdOf,
  step,
} from './fixtures';

/** The source servers of {@link finished}, in wave order. */
export const SERVERS = ['s-db1', 's-db2', 's-app1'];

export const ORIGINAL_REGION = 'us-west-2';
export const ACCOUNT = '111122223333';

/** The reversed source server ID ReverseReplication gives a recovery instance in these tests. */
export function reversedIdOf(sourceServerId: string): string {
  return `s-${sourceServerId
    .replace(/[^0-9a-z]/gi, '')
    .padStart(17, '0')
    .slice(-17)}`;
}

export function reversedArnOf(sourceServerId: string): string {
  return `arn:aws:drs:${ORIGINAL_REGION}:${ACCOUNT}:source-server/${reversedIdOf(
    sourceServerId,
  )}`;
}

/** A finished execution in `mode`, its waves db (s-db1, s-db2) then app (s-app1) all launched. */
export function finished(
  mode: Execution['mode'] = 'RECOVERY',
  status: Execution['status'] = 'COMPLETED',
): Execution {
  const execution = makeExecution(
    [
      { name: 'db', servers: ['s-db1', 's-db2'] },
      { name: 'app', servers: ['s-app1'], pauseBefore: true },
    ],
    {
      mode,
      status,
      startedAt: at(0).toISOString(),
      endedAt: at(600).toISOString(),
    },
  );
  for (const wave of execution.waves) {
    wave.status = 'COMPLETED';
    for (const server of wave.servers) {
      server.status = 'LAUNCHED';
      server.launchedAt = at(300).toISOString();
      server.recoveryInstanceId = recoveryInstanceIdOf(server.sourceServerId);
      server.ec2InstanceId = `i-${server.sourceServerId}`;
    }
  }
  return execution;
}

export function replication(
  sourceServerId: string,
  replicationState: string,
  more: Partial<ReversedServerObservation> = {},
): ReversedServerObservation {
  return {
    sourceServerId: reversedIdOf(sourceServerId),
    replicationState,
    ...more,
  };
}

export function replicating(...observations: ReversedServerObservation[]) {
  return {
    jobs: {},
    recoveryInstancesBySourceServer: {},
    reversedServers: Object.fromEntries(
      observations.map(o => [o.sourceServerId, o]),
    ),
  };
}

/** A completed execution with reverse replication requested, each instance reversed by DRS. */
export function reversedAll(execution = finished()): Execution {
  const requested = requestReverseReplication(
    execution,
    'user:default/sam',
    at(700),
  );
  const intended = step(requested, noObservations(), at(710)).execution;
  return SERVERS.reduce(
    (current, id) =>
      recordReverseReplicationStarted(
        current,
        recoveryInstanceIdOf(id),
        reversedArnOf(id),
        at(711),
      ),
    intended,
  );
}
