import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  DrsObservations,
  observationNeeds,
  ReversedServerObservation,
} from '@drs-orchestration/plugin-drs-common/engine';
import { describeAwsError, errorName } from '../awsFailures';
import { locationKey } from '../DrsGateway/locations';
import { DrsLocation } from '../DrsGateway/types';
import { EngineContext } from './engineContext';

type Seen =
  | { servers: Map<string, ReversedServerObservation> }
  | { failure: string };

/**
 * Follows the reversed source servers of these executions' reverse replications, each in its
 * own region (the other side of the execution's), with one DescribeSourceServers per account
 * and region. A region that cannot be read holds back only the executions that need it.
 */
export async function observeReversed(
  engine: EngineContext,
  executions: Execution[],
): Promise<
  (execution: Execution, observed: DrsObservations) => DrsObservations
> {
  const wanted = new Map<string, { location: DrsLocation; ids: Set<string> }>();
  const needsById = new Map<string, { key: string; id: string }[]>();
  for (const execution of executions) {
    const { reversedServers } = observationNeeds(execution);
    if (reversedServers.length === 0) continue;
    const own: { key: string; id: string }[] = [];
    for (const server of reversedServers) {
      const location = {
        accountId: engine.locationOf(execution).accountId,
        region: server.region,
      };
      const key = locationKey(location);
      const entry = wanted.get(key) ?? { location, ids: new Set<string>() };
      entry.ids.add(server.sourceServerId);
      wanted.set(key, entry);
      own.push({ key, id: server.sourceServerId });
    }
    needsById.set(execution.executionId, own);
  }
  const seen = new Map<string, Seen>();
  await Promise.all(
    [...wanted].map(async ([key, { location, ids }]) => {
      try {
        engine.metrics?.drsCalls.add(1, { operation: 'DescribeSourceServers' });
        const servers = await engine.gateway.describeSourceServers(location, {
          kind: 'ids',
          ids: [...ids],
        });
        seen.set(key, {
          servers: new Map(
            servers.map(s => [
              s.sourceServerId,
              {
                sourceServerId: s.sourceServerId,
                replicationState: s.replicationState,
                ...(s.progressPercent !== undefined
                  ? { progressPercent: s.progressPercent }
                  : {}),
                ...(s.lagSeconds !== undefined
                  ? { lagSeconds: s.lagSeconds }
                  : {}),
              },
            ]),
          ),
        });
      } catch (error) {
        engine.metrics?.drsErrors.add(1, { error: errorName(error) });
        seen.set(key, { failure: describeAwsError(error) });
      }
    }),
  );
  return (execution, observed) => {
    const own = needsById.get(execution.executionId);
    if (!own) return observed;
    const reversedServers: Record<string, ReversedServerObservation> = {};
    for (const { key, id } of own) {
      const part = seen.get(key)!;
      if ('failure' in part) {
        return {
          ...observed,
          error:
            observed.error ??
            `DRS could not be observed in ${key}: ${part.failure}`,
        };
      }
      const server = part.servers.get(id);
      if (server) reversedServers[id] = server;
    }
    return { ...observed, reversedServers };
  };
}
