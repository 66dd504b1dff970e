import { REPLICATING_STATES } from './replicationStates';
import { iso, replicationInfoView } from './replicationInfoView';
import { RecoveryInstanceRecord, SourceServerRecord, Tenant } from './state';
import { hardwareOf } from './views';

/*
 * A recovery instance's way back, as DescribeRecoveryInstances answers it: where its source
 * came from (`originEnvironment`, `originAvailabilityZone`), and once ReverseReplication was
 * called for it, the replication back (`dataReplicationInfo`, mirroring the reversed source
 * server) and how far its failback got (`failback.state`).
 */

/** The failback state the reversed server's replication and launch mean. */
function failbackState(
  instance: RecoveryInstanceRecord,
  reversed: SourceServerRecord | undefined,
): string {
  if (!reversed || instance.reversedAt === undefined) {
    return 'FAILBACK_NOT_STARTED';
  }
  const launch = reversed.lastLaunch;
  if (launch && launch.apiCallAt >= instance.reversedAt) {
    if (reversed.lastLaunchResult === 'SUCCEEDED') return 'FAILBACK_COMPLETED';
    if (reversed.lastLaunchResult === 'PENDING') return 'FAILBACK_IN_PROGRESS';
  }
  const state = reversed.replicationState;
  if (REPLICATING_STATES.has(state)) return 'FAILBACK_READY_FOR_LAUNCH';
  if (state === 'INITIATING' || state === 'INITIAL_SYNC') {
    return 'FAILBACK_IN_PROGRESS';
  }
  if (state === 'STALLED' || state === 'DISCONNECTED') return 'FAILBACK_ERROR';
  return 'FAILBACK_NOT_READY_FOR_LAUNCH';
}

/** The members of a recovery instance about its origin and its failback. */
export function recoveryInstanceFailbackView(
  tenants: Tenant[],
  tenant: Tenant,
  instance: RecoveryInstanceRecord,
  now: number,
) {
  const server = tenant.servers.get(instance.sourceServerID)!;
  const ref = instance.reversedTo;
  const reversedTenant =
    ref &&
    tenants.find(t => t.accountId === ref.accountId && t.region === ref.region);
  const reversed = ref && reversedTenant?.servers.get(ref.sourceServerID);
  const state = failbackState(instance, reversed);
  const launch = reversed?.lastLaunch;
  const launchedBack =
    launch && instance.reversedAt !== undefined
      ? launch.apiCallAt >= instance.reversedAt
      : false;
  const firstByteAt = reversed?.initiation?.syncStartsAt;
  return {
    originEnvironment: server.origin ? 'AWS' : 'ON_PREMISES',
    originAvailabilityZone:
      server.origin?.availabilityZone ?? `${tenant.region}a`,
    failback: {
      state,
      ...(instance.reversedAt !== undefined
        ? { failbackInitiationTime: iso(instance.reversedAt) }
        : {}),
      ...(firstByteAt !== undefined && firstByteAt <= now
        ? { firstByteDateTime: iso(firstByteAt) }
        : {}),
      ...(launchedBack ? { failbackLaunchType: launch!.type } : {}),
      ...(instance.ec2State === 'RUNNING'
        ? { agentLastSeenByServiceDateTime: iso(now) }
        : {}),
    },
    dataReplicationInfo:
      reversed && reversedTenant
        ? replicationInfoView(
            reversed,
            now,
            hardwareOf(reversed).diskBytes,
            `${reversedTenant.region}a`,
            'dateTime',
          )
        : { dataReplicationState: 'NOT_STARTED' },
  };
}
