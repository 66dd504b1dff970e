import { StatusCheck } from '../faults';
import { stableFraction } from '../ids';
import { Ec2InstanceState, RecoveryInstanceRecord, Tenant } from '../state';

/**
 * How long EC2 status checks take at speed 1, in seconds: both read `initializing` for this
 * long after the instance is running, then `ok` (or `impaired`). At speed N, N times shorter.
 *
 * @public
 */
export const STATUS_CHECK_BASE_SECONDS = {
  initializing: 120,
};

/** What an instance's status checks depend on besides the instance. */
export interface StatusCheckContext {
  now: number;
  /** How long an instance takes from launch to running, then its checks to initialize. */
  durationsMs: { boot: number; initializing: number };
  /** The fault: the check failing for each source server ID or hostname, and since when. */
  failing: {
    checks: Record<string, StatusCheck>;
    since: Record<string, number>;
  };
}

/** EC2's instance state codes and names (the model's InstanceStateName). */
const INSTANCE_STATE: Record<Ec2InstanceState, { Code: number; Name: string }> =
  {
    PENDING: { Code: 0, Name: 'pending' },
    RUNNING: { Code: 16, Name: 'running' },
    'SHUTTING-DOWN': { Code: 32, Name: 'shutting-down' },
  };

/**
 * An EC2 status check's summary status (the values of the model's SummaryStatus it takes).
 *
 * @public
 */
export type StatusCheckStatus =
  | 'ok'
  | 'impaired'
  | 'initializing'
  | 'not-applicable';

/** One status check as EC2 reports it (the model's InstanceStatusSummary). */
export interface StatusSummary {
  Status: StatusCheckStatus;
  Details?: {
    Name: 'reachability';
    Status: 'passed' | 'failed' | 'initializing';
    ImpairedSince?: string;
  }[];
}

/** An instance's status as DescribeInstanceStatus answers it (the model's InstanceStatus). */
export interface InstanceStatusView {
  AvailabilityZone: string;
  InstanceId: string;
  InstanceState: { Code: number; Name: string };
  InstanceStatus: StatusSummary;
  SystemStatus: StatusSummary;
}

/** The check the fault fails for this instance, and since when it does. */
function failingCheck(
  tenant: Tenant,
  instance: RecoveryInstanceRecord,
  context: StatusCheckContext,
): { check: StatusCheck; since: number } | undefined {
  const hostname = tenant.servers.get(instance.sourceServerID)?.hostname;
  for (const name of [instance.sourceServerID, hostname]) {
    const check = name ? context.failing.checks[name] : undefined;
    if (check) return { check, since: context.failing.since[name!] };
  }
  return undefined;
}

/**
 * Both checks are `not-applicable` until the instance runs, `initializing` for a while, then
 * `ok`, or `impaired` with the failing reachability check named in Details and dated from when
 * the check had run or the fault began, whichever is later.
 */
export function instanceStatusView(
  tenant: Tenant,
  instance: RecoveryInstanceRecord,
  context: StatusCheckContext,
): InstanceStatusView {
  const { boot, initializing } = context.durationsMs;
  const checkedAt = instance.launchedAt + boot + initializing;
  const failing = failingCheck(tenant, instance, context);
  const summary = (check: StatusCheck): StatusSummary => {
    if (instance.ec2State !== 'RUNNING') return { Status: 'not-applicable' };
    if (context.now < checkedAt) {
      return {
        Status: 'initializing',
        Details: [{ Name: 'reachability', Status: 'initializing' }],
      };
    }
    if (failing?.check === check) {
      return {
        Status: 'impaired',
        Details: [
          {
            Name: 'reachability',
            Status: 'failed',
            ImpairedSince: new Date(
              Math.max(checkedAt, failing.since),
            ).toISOString(),
          },
        ],
      };
    }
    return {
      Status: 'ok',
      Details: [{ Name: 'reachability', Status: 'passed' }],
    };
  };
  const zone = 'abc'[
    Math.floor(stableFraction(instance.recoveryInstanceID, 'az') * 3)
  ];
  return {
    AvailabilityZone: `${tenant.region}${zone}`,
    InstanceId: instance.recoveryInstanceID,
    InstanceState: INSTANCE_STATE[instance.ec2State],
    InstanceStatus: summary('instance'),
    SystemStatus: summary('system'),
  };
}
