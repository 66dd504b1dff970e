import { Execution } from '@drs-orchestration/plugin-drs-common';
import { DrsObservations } from '@drs-orchestration/plugin-drs-common/engine';
import { describeAwsError, errorName } from '../awsFailures';
import { locationKey } from '../DrsGateway/locations';
import { drive } from './drive';
import { EngineContext } from './engineContext';
import { observe } from './observe';
import { observeReversed } from './observeReversed';
import { CycleStats } from './types';

/** Executions driven at once: their writes and DRS calls overlap, within DynamoDB's and DRS's limits. */
const DRIVE_CONCURRENCY = 16;

function groupByLocation(
  engine: EngineContext,
  executions: Execution[],
): Execution[][] {
  const byLocation = new Map<string, Execution[]>();
  for (const execution of executions) {
    const key = locationKey(engine.locationOf(execution));
    const group = byLocation.get(key);
    if (group) group.push(execution);
    else byLocation.set(key, [execution]);
  }
  return [...byLocation.values()];
}

/** What DRS reports for a group of one location; if DRS cannot be observed, that error for each. */
async function observeGroup(
  engine: EngineContext,
  group: Execution[],
): Promise<(execution: Execution) => DrsObservations> {
  try {
    const [observed, reversed] = await Promise.all([
      observe(engine, engine.locationOf(group[0]), group),
      observeReversed(engine, group),
    ]);
    return execution => reversed(execution, observed(execution));
  } catch (error) {
    engine.metrics?.drsErrors.add(1, { error: errorName(error) });
    engine.logger.warn(`DRS could not be observed: ${describeAwsError(error)}`);
    const unobserved = {
      jobs: {},
      recoveryInstancesBySourceServer: {},
      error: describeAwsError(error),
    };
    return () => unobserved;
  }
}

/** Drives a group of one location with a pool of workers, counting into `stats`. */
async function driveGroup(
  engine: EngineContext,
  group: Execution[],
  stats: CycleStats,
  signal?: AbortSignal,
) {
  const observationsOf = await observeGroup(engine, group);
  let position = 0;
  const worker = async () => {
    // An abandoned cycle (scheduler timeout) starts nothing new; the next cycle goes on.
    while (position < group.length && !signal?.aborted) {
      const next = group[position++];
      try {
        const outcome = await drive(engine, next, observationsOf(next));
        if (outcome.decided) stats.decided++;
        if (outcome.written) stats.written++;
      } catch (error) {
        // One execution's trouble must not stop the others; it is retried next cycle.
        engine.logger.error(
          `Execution ${
            next.executionId
          } could not be driven: ${describeAwsError(error)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: DRIVE_CONCURRENCY }, worker));
}

/** One cycle: every execution the engine must visit, observed per location and driven. */
export async function runCycle(
  engine: EngineContext,
  signal?: AbortSignal,
): Promise<CycleStats> {
  const started = Date.now();
  const executions = await engine.store.listForEngine();
  engine.settled.keepOnly(new Set(executions.map(e => e.executionId)));
  const stats: CycleStats = {
    executions: executions.length,
    decided: 0,
    written: 0,
  };
  await Promise.all(
    groupByLocation(engine, executions).map(group =>
      driveGroup(engine, group, stats, signal),
    ),
  );
  engine.metrics?.cycleDuration.record((Date.now() - started) / 1000);
  engine.metrics?.activeExecutions.record(executions.length);
  return stats;
}
