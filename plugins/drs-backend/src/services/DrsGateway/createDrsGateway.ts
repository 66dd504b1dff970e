import {
  paginateDescribeSourceServers,
  SourceServer as DrsSourceServer,
} from '@aws-sdk/client-drs';
import {
  SourceServer,
  SourceServerSelector,
} from '@internal/plugin-drs-common';
import { Duration } from 'luxon';
import { DrsClientCache } from './clients';
import { DrsGateway, DrsLocation } from './types';

function lagSeconds(isoDuration: string | undefined): number | undefined {
  if (!isoDuration) return undefined;
  const duration = Duration.fromISO(isoDuration);
  return duration.isValid ? Math.round(duration.as('seconds')) : undefined;
}

function toSourceServer(server: DrsSourceServer): SourceServer {
  const replication = server.dataReplicationInfo;
  return {
    sourceServerId: server.sourceServerID ?? '',
    arn: server.arn,
    hostname:
      server.sourceProperties?.identificationHints?.hostname ??
      server.sourceServerID ??
      '',
    replicationState: replication?.dataReplicationState ?? 'UNKNOWN',
    lagSeconds: lagSeconds(replication?.lagDuration),
    lastSeenAt: server.lifeCycle?.lastSeenByServiceDateTime,
    tags: server.tags ?? {},
    lastLaunchType: server.lifeCycle?.lastLaunch?.initiated?.type,
  };
}

function matches(
  server: SourceServer,
  selector: SourceServerSelector,
): boolean {
  if (selector.kind === 'ids')
    return selector.ids.includes(server.sourceServerId);
  return Object.entries(selector.tags).every(([k, v]) => server.tags[k] === v);
}

export function createDrsGateway(clients: DrsClientCache): DrsGateway {
  return {
    async describeSourceServers(
      location: DrsLocation,
      selector: SourceServerSelector,
    ) {
      const client = await clients.get(location);
      const servers: SourceServer[] = [];
      // DRS filters by ID server-side; tags are matched here, as the API has no tag filter.
      const filters =
        selector.kind === 'ids' ? { sourceServerIDs: selector.ids } : {};
      for await (const page of paginateDescribeSourceServers(
        { client, pageSize: 200 },
        { filters },
      )) {
        servers.push(
          ...(page.items ?? [])
            .map(toSourceServer)
            .filter(s => matches(s, selector)),
        );
      }
      return servers.sort((a, b) => a.hostname.localeCompare(b.hostname));
    },
  };
}
