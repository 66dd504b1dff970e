import { Execution } from '@drs-orchestration/plugin-drs-common';
import { DrsJobSummary } from '../DrsGateway/types';
import { EngineContext } from './engineContext';

/** A job adopted from DRS is looked for from a little before its intent, for clock skew. */
const ADOPTION_LOOKBACK_MS = 5 * 60 * 1000;

/** The jobs DRS has had at the execution's location since a little before `instant`. */
export async function jobsSince(
  engine: EngineContext,
  execution: Execution,
  instant: string,
): Promise<DrsJobSummary[]> {
  const since = new Date(
    Date.parse(instant) - ADOPTION_LOOKBACK_MS,
  ).toISOString();
  engine.metrics?.drsCalls.add(1, { operation: 'DescribeJobs' });
  return engine.gateway.describeJobsSince(engine.locationOf(execution), since);
}
