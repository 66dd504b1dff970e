import { notFound } from '../errors';
import { paginate, PageRequest } from '../pagination';
import { listRecoverySnapshots } from '../snapshots';
import { SourceServerRecord } from '../state';
import {
  hardwareIdsOf,
  launchConfigurationView,
  recoverySnapshotView,
  sourceServerView,
} from '../views';
import { idFilter, OperationContext } from './context';

export interface DescribeSourceServersInput extends PageRequest {
  filters?: {
    sourceServerIDs?: string[];
    hardwareId?: string;
    stagingAccountIDs?: string[];
  };
}

export function describeSourceServers(
  { sim, tenant, now }: OperationContext,
  input: DescribeSourceServersInput,
) {
  const filters = input.filters ?? {};
  const ids = idFilter(filters.sourceServerIDs);
  const hardwareId = filters.hardwareId?.toLowerCase();
  const servers = [...tenant.servers.values()].filter(
    server =>
      (!ids || ids.has(server.sourceServerID)) &&
      (!hardwareId ||
        hardwareIdsOf(server).some(id => id.toLowerCase() === hardwareId)) &&
      // Only servers extended from a staging account match; none are simulated.
      !filters.stagingAccountIDs?.length,
  );
  const page = paginate('DescribeSourceServers', servers, input);
  const context = sim.viewContext(now);
  return {
    items: page.items.map(server => sourceServerView(tenant, server, context)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

export function serverOrNotFound(
  { tenant }: OperationContext,
  sourceServerID: string,
): SourceServerRecord {
  const server = tenant.servers.get(sourceServerID);
  if (!server) throw notFound('SOURCE_SERVER', sourceServerID);
  return server;
}

export function getLaunchConfiguration(
  context: OperationContext,
  input: { sourceServerID: string },
) {
  return launchConfigurationView(
    serverOrNotFound(context, input.sourceServerID),
  );
}

export interface DescribeRecoverySnapshotsInput extends PageRequest {
  sourceServerID: string;
  filters?: { fromDateTime?: string; toDateTime?: string };
  order?: 'ASC' | 'DESC';
}

export function describeRecoverySnapshots(
  context: OperationContext,
  input: DescribeRecoverySnapshotsInput,
) {
  const server = serverOrNotFound(context, input.sourceServerID);
  const from = input.filters?.fromDateTime
    ? Date.parse(input.filters.fromDateTime)
    : -Infinity;
  const to = input.filters?.toDateTime
    ? Date.parse(input.filters.toDateTime)
    : Infinity;
  const snapshots = listRecoverySnapshots(
    server,
    context.now,
    context.sim.snapshotTiming(),
  ).filter(
    snapshot => snapshot.expectedAt >= from && snapshot.expectedAt <= to,
  );
  if (input.order === 'DESC') snapshots.reverse();
  const page = paginate('DescribeRecoverySnapshots', snapshots, input);
  return {
    items: page.items.map(recoverySnapshotView),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}
