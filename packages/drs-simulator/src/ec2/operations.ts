import { OperationContext, OperationSpec } from '../operations/context';
import { paginate } from '../pagination';
import { RecoveryInstanceRecord } from '../state';
import { ec2Error } from './errors';
import { InstanceStatusView, instanceStatusView } from './instanceStatus';

export interface DescribeInstanceStatusInput {
  InstanceIds?: string[];
  Filters?: { Name?: string; Values?: string[] }[];
  MaxResults?: number;
  NextToken?: string;
  DryRun?: boolean;
  IncludeAllInstances?: boolean;
}

/** The page sizes EC2 documents for DescribeInstanceStatus. */
const PAGE_SIZE = { min: 5, max: 1000 };
const INSTANCE_ID = /^i-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

const reachability = (summary: InstanceStatusView['InstanceStatus']) =>
  (summary.Details ?? []).map(detail => detail.Status);
const noEvents = () => [];

/** DescribeInstanceStatus's filters, each the values it matches; simulated instances have no events. */
const FILTERS: Record<string, (status: InstanceStatusView) => string[]> = {
  'availability-zone': status => [status.AvailabilityZone],
  'instance-state-code': status => [String(status.InstanceState.Code)],
  'instance-state-name': status => [status.InstanceState.Name],
  'instance-status.status': status => [status.InstanceStatus.Status],
  'instance-status.reachability': status => reachability(status.InstanceStatus),
  'system-status.status': status => [status.SystemStatus.Status],
  'system-status.reachability': status => reachability(status.SystemStatus),
  'event.code': noEvents,
  'event.description': noEvents,
  'event.instance-event-id': noEvents,
  'event.not-after': noEvents,
  'event.not-before': noEvents,
  'event.not-before-deadline': noEvents,
};

/** EC2 filter values may use `*` (any characters) and `?` (one). */
function wildcard(value: string): RegExp {
  const pattern = value
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`);
}

/** Every filter must match (each by any of its values). */
function filterMatcher(
  filters: NonNullable<DescribeInstanceStatusInput['Filters']>,
): (status: InstanceStatusView) => boolean {
  const checks = filters.map(({ Name = '', Values = [] }) => {
    const valuesOf = Object.hasOwn(FILTERS, Name) ? FILTERS[Name] : undefined;
    if (!valuesOf) {
      throw ec2Error(
        'InvalidParameterValue',
        `The filter '${Name}' is invalid`,
      );
    }
    const patterns = Values.map(wildcard);
    return (status: InstanceStatusView) =>
      valuesOf(status).some(value => patterns.some(p => p.test(value)));
  });
  return status => checks.every(check => check(status));
}

/** The instances asked for by ID; a terminated instance is gone, as if it never was. */
function instancesNamed(
  { tenant }: OperationContext,
  ids: string[],
): RecoveryInstanceRecord[] {
  const unique = [...new Set(ids)];
  const malformed = unique.find(id => !INSTANCE_ID.test(id));
  if (malformed) {
    throw ec2Error('InvalidInstanceID.Malformed', `Invalid id: "${malformed}"`);
  }
  const missing = unique.filter(id => !tenant.recoveryInstances.has(id));
  if (missing.length) {
    throw ec2Error(
      'InvalidInstanceID.NotFound',
      missing.length === 1
        ? `The instance ID '${missing[0]}' does not exist`
        : `The instance IDs '${missing.join(', ')}' do not exist`,
    );
  }
  return unique.map(id => tenant.recoveryInstances.get(id)!);
}

/**
 * The status checks of the recovery instances DRS launched in the caller's account and region:
 * running ones only, unless IncludeAllInstances; filtered; paged by MaxResults and NextToken.
 */
export function describeInstanceStatus(
  context: OperationContext,
  input: DescribeInstanceStatusInput,
) {
  const { sim, tenant, now } = context;
  if (input.DryRun) {
    throw ec2Error(
      'DryRunOperation',
      'Request would have succeeded, but DryRun flag is set.',
      412,
    );
  }
  const ids = input.InstanceIds ?? [];
  const { MaxResults } = input;
  if (MaxResults !== undefined && ids.length) {
    throw ec2Error(
      'InvalidParameterCombination',
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  }
  if (
    MaxResults !== undefined &&
    (MaxResults < PAGE_SIZE.min || MaxResults > PAGE_SIZE.max)
  ) {
    throw ec2Error(
      'InvalidParameterValue',
      `Value ( ${MaxResults} ) for parameter maxResults is invalid. Expecting a value between ${PAGE_SIZE.min} and ${PAGE_SIZE.max}.`,
    );
  }
  const matches = filterMatcher(input.Filters ?? []);
  const instances = ids.length
    ? instancesNamed(context, ids)
    : [...tenant.recoveryInstances.values()];
  const checks = sim.statusCheckContext(now);
  const statuses = instances
    .filter(
      instance => input.IncludeAllInstances || instance.ec2State === 'RUNNING',
    )
    .map(instance => instanceStatusView(tenant, instance, checks))
    .filter(matches);
  const page = paginate(
    'DescribeInstanceStatus',
    statuses,
    { maxResults: MaxResults, nextToken: input.NextToken },
    () =>
      ec2Error(
        'InvalidPaginationToken',
        `The pagination token ${input.NextToken} is invalid or expired`,
      ),
  );
  return {
    InstanceStatuses: page.items,
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

/** The EC2 operations the simulator serves, by name (= the `Action` parameter). */
export const EC2_OPERATIONS: Record<string, OperationSpec> = {
  DescribeInstanceStatus: {
    handle: (context, input) =>
      describeInstanceStatus(context, input as DescribeInstanceStatusInput),
  },
};
