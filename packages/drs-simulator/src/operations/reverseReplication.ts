import { increment } from '../callLog';
import { conflict, DrsApiError, notFound, validationError } from '../errors';
import { faultStrikes } from '../faults';
import { newId } from '../ids';
import { startReplicationLifecycle } from '../replicationLifecycle';
import {
  activeJobHolding,
  RecoveryInstanceRecord,
  SourceServerRecord,
  sourceServerArn,
  Tenant,
} from '../state';
import { OperationContext } from './context';

/** The availability zone the simulator puts a server's recovery instances in. */
export function recoveryAvailabilityZone(
  tenant: Tenant,
  server: SourceServerRecord,
): string {
  const first = `${tenant.region}a`;
  // Cross-AZ: the instance runs in another zone of the same region than its source.
  return server.origin?.availabilityZone === first
    ? `${tenant.region}b`
    : first;
}

/** The source server an ARN names, in whichever account and region it lives. */
export function serverByArn(
  tenants: Tenant[],
  arn: string | undefined,
): { tenant: Tenant; server: SourceServerRecord } | undefined {
  const match = arn?.match(
    /^arn:aws:drs:([^:]+):([0-9]{12}):source-server\/(s-[0-9a-zA-Z]{17})$/,
  );
  if (!match) return undefined;
  const [, region, accountId, sourceServerID] = match;
  const tenant = tenants.find(
    t => t.region === region && t.accountId === accountId,
  );
  const server = tenant?.servers.get(sourceServerID);
  return tenant && server ? { tenant, server } : undefined;
}

/** Why DRS refuses to reverse this instance, if it does (checked before anything changes). */
function refuseReversal(
  { sim, tenant }: OperationContext,
  instance: RecoveryInstanceRecord,
  server: SourceServerRecord,
): void {
  const id = instance.recoveryInstanceID;
  if (instance.isDrill) {
    throw validationError(
      `Recovery instance ${id} was launched by a drill: only recovery instances of a recovery can reverse replication (terminate drill instances instead)`,
    );
  }
  if (!server.origin) {
    throw validationError(
      `Recovery instance ${id} (source server ${server.sourceServerID}, ${server.hostname}) did not originate in EC2: ReverseReplication applies only to EC2 sources; fail it back with the AWS DRS Failback Client`,
    );
  }
  if (instance.reversedTo) {
    const arn = sourceServerArn(
      sim.tenants.find(
        t =>
          t.accountId === instance.reversedTo!.accountId &&
          t.region === instance.reversedTo!.region,
      )!,
      instance.reversedTo.sourceServerID,
    );
    throw conflict(
      `Recovery instance ${id} is already replicating in the reversed direction to ${arn}`,
      id,
      'RECOVERY_INSTANCE',
    );
  }
  if (instance.ec2State !== 'RUNNING') {
    throw conflict(
      `Recovery instance ${id} is ${instance.ec2State}: it must be RUNNING to reverse replication`,
      id,
      'RECOVERY_INSTANCE',
    );
  }
  const holder = activeJobHolding(tenant, server.sourceServerID);
  if (holder) {
    throw conflict(
      `Source server ${server.sourceServerID} of recovery instance ${id} is still participating in job ${holder.jobID} (${holder.status})`,
      id,
      'RECOVERY_INSTANCE',
    );
  }
}

/** The account and region the instance's source came from, which must have DRS initialized. */
function originTenant(
  { sim }: OperationContext,
  server: SourceServerRecord,
): Tenant {
  const { accountId, region } = server.origin!;
  const tenant = sim.tenants.find(
    t => t.accountId === accountId && t.region === region,
  );
  if (!tenant) {
    throw new DrsApiError(
      'UninitializedAccountException',
      `DRS is not initialized in ${region} for account ${accountId}, where source server ${server.sourceServerID} (${server.hostname}) came from: initialize it there before reversing replication`,
      { code: 'UNINITIALIZED_ACCOUNT' },
    );
  }
  return tenant;
}

/** A new source server in the origin region that replicates the recovery instance back. */
function createReversedServer(
  context: OperationContext,
  target: Tenant,
  server: SourceServerRecord,
): SourceServerRecord {
  const { sim, tenant, now } = context;
  const reversed: SourceServerRecord = {
    accountId: target.accountId,
    region: target.region,
    sourceServerID: newId(sim.dice.ids, 'sourceServer'),
    hostname: server.hostname,
    tags: { ...server.tags },
    replicationState: 'INITIATING',
    lagSeconds: server.lagSeconds,
    replicationStateSince: now,
    replicationSpans: [],
    lastLaunchResult: 'NOT_STARTED',
    launchSnapshots: [],
    origin: {
      accountId: tenant.accountId,
      region: tenant.region,
      availabilityZone: recoveryAvailabilityZone(tenant, server),
    },
    replicationDirection: 'FAILBACK',
    hardwareOf: server.hardwareOf ?? server.sourceServerID,
  };
  target.servers.set(reversed.sourceServerID, reversed);
  return reversed;
}

/**
 * ReverseReplication: the recovery instance of an EC2 source starts replicating back to the
 * region its source came from. The first time, DRS creates a source server there (direction
 * FAILBACK); a failback instance reverses onto the server its own server was reversed from
 * (re-protect). Both servers name each other in `reversedDirectionSourceServerArn`; the one
 * replicating the instance (re)starts: INITIATING, INITIAL_SYNC, CONTINUOUS.
 */
export function reverseReplication(
  context: OperationContext,
  input: { recoveryInstanceID: string },
) {
  const { sim, tenant, now } = context;
  const id = input.recoveryInstanceID;
  increment(sim.calls.reverseReplicationByRecoveryInstance, id);
  const instance = tenant.recoveryInstances.get(id);
  if (!instance) throw notFound('RECOVERY_INSTANCE', id);
  const server = tenant.servers.get(instance.sourceServerID)!;
  refuseReversal(context, instance, server);
  const target = originTenant(context, server);

  const existing = serverByArn(
    sim.tenants,
    server.reversedDirectionSourceServerArn,
  );
  const reversed =
    existing?.tenant === target
      ? existing.server
      : createReversedServer(context, target, server);
  reversed.replicatesInstanceID = id;
  reversed.reversedDirectionSourceServerArn = sourceServerArn(
    tenant,
    server.sourceServerID,
  );
  server.reversedDirectionSourceServerArn = sourceServerArn(
    target,
    reversed.sourceServerID,
  );
  instance.reversedTo = {
    accountId: target.accountId,
    region: target.region,
    sourceServerID: reversed.sourceServerID,
  };
  instance.reversedAt = now;
  startReplicationLifecycle(
    sim,
    reversed,
    now,
    faultStrikes(sim.dice.outcomes, sim.faults.stallReplicationShare),
  );
  increment(sim.calls.reversalsByRecoveryInstance, id);
  return {
    reversedDirectionSourceServerArn: server.reversedDirectionSourceServerArn,
  };
}
