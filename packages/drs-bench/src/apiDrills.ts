import { Execution } from '@drs-orchestration/plugin-drs-common';
import { performance } from 'perf_hooks';
import { SimulatorClient } from './awsProcess';
import { BenchBackend } from './benchBackend';

/** A launch job takes at most ~560 simulated seconds: advancing this far completes a wave's job. */
const WAVE_JOB_SECONDS = 600;

export const entityPath = (name: string) =>
  `/entities/component/default/${name}`;
export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

/** How starts and changes are timed. */
export interface DrillTiming {
  pollIntervalSeconds: number;
  /**
   * A start waits a random pause up to min(this, poll interval) first, as a person's click
   * would come: the production scheduler looks at its database every min(5 s, interval).
   */
  maxStartPauseSeconds: number;
}

/** A plan of the entity's servers in waves of `serversPerWave`, created through the API. */
export async function createPlan(
  backend: BenchBackend,
  entity: string,
  serversPerWave: number,
) {
  const { items } = await backend.api<{ items: { sourceServerId: string }[] }>(
    'GET',
    `${entityPath(entity)}/source-servers`,
  );
  const ids = items.map(s => s.sourceServerId);
  return backend.api<{ planId: string }>(
    'POST',
    `${entityPath(entity)}/plans`,
    {
      name: `Drill of ${entity}`,
      description: 'bench',
      waves: Array.from({ length: ids.length / serversPerWave }, (_, w) => ({
        name: `wave-${w + 1}`,
        sourceServerIds: ids.slice(
          w * serversPerWave,
          (w + 1) * serversPerWave,
        ),
      })),
    },
  );
}

/**
 * The time a signal took, split at the start of the engine cycle that published it: waiting
 * for a cycle, then the cycle's own work. A cycle already running when it happened counts as
 * no wait, and so does a signal published outside any cycle: the API had the engine drive that
 * execution at once.
 */
function splitAtCycle(
  backend: BenchBackend,
  since: number,
  publishedAt: number,
) {
  const cycle = backend.cycleAt(publishedAt);
  const cycleStart = cycle ? Math.max(cycle.startedAt, since) : since;
  return {
    total: publishedAt - since,
    waiting: cycleStart - since,
    working: publishedAt - cycleStart,
  };
}

/**
 * POST a drill start at a random moment; resolves when its POLLING signal is published, with
 * the times. The API drives a new execution at once; were it left to a triggered run, that
 * would wait for the production scheduler's next look at its database.
 */
async function timedStart(
  backend: BenchBackend,
  entity: string,
  planId: string,
  timing: DrillTiming,
) {
  const pauseSeconds = Math.min(
    timing.maxStartPauseSeconds,
    timing.pollIntervalSeconds,
  );
  await sleep(Math.random() * pauseSeconds * 1000);
  const sent = performance.now();
  const execution = await backend.api<Execution>(
    'POST',
    `${entityPath(entity)}/plans/${planId}/executions`,
    { mode: 'DRILL' },
  );
  const answered = performance.now();
  const signal = await backend.signals.next(
    execution.executionId,
    sent,
    message => message.status === 'POLLING',
    60_000,
  );
  const stored = await backend.api<Execution>(
    'GET',
    `/executions/${execution.executionId}`,
  );
  if (stored.status !== 'POLLING' || !stored.waves[0].jobId) {
    throw new Error(
      `Execution ${execution.executionId} is ${stored.status} without wave 1's job after its POLLING signal`,
    );
  }
  return {
    executionId: execution.executionId,
    answered: answered - sent,
    ...splitAtCycle(backend, sent, signal.at),
  };
}

export type TimedStart = Awaited<ReturnType<typeof timedStart>>;

/**
 * Waits until a whole engine cycle has passed without a new signal for the execution: the
 * cycle after a launch records the new job's first observation and signals again, which must
 * not be taken for the answer to the next change. Returns the execution's last signalled version.
 */
async function quietAfter(backend: BenchBackend, executionId: string) {
  for (;;) {
    const last = backend.signals.last(executionId);
    await backend.cyclesEnded(1, performance.now(), 30_000);
    if (backend.signals.last(executionId) === last) {
      return last?.message.version as number;
    }
  }
}

/**
 * `rounds` drills of 2 waves in turn on the entity's plan, alone in the engine: twice each,
 * the running wave's job completes in the simulator at a random moment of the engine's cycle
 * (change → signal): wave 1 done and wave 2 launched, then the drill COMPLETED.
 */
export async function drillRounds(
  backend: BenchBackend,
  simulator: SimulatorClient,
  options: { entity: string; rounds: number; timing: DrillTiming },
) {
  const { entity, timing } = options;
  const plan = await createPlan(backend, entity, 2);
  const changes = [];
  for (let round = 0; round < options.rounds; round++) {
    const start = await timedStart(backend, entity, plan.planId, timing);
    for (const expected of ['POLLING', 'COMPLETED']) {
      const version = await quietAfter(backend, start.executionId);
      // Cycles start every 1–2 intervals (the interval after the last ended, then the
      // scheduler's next look): a pause of up to 2 intervals puts the change anywhere in one.
      await sleep(Math.random() * 2 * timing.pollIntervalSeconds * 1000);
      const changedAt = performance.now();
      await simulator.advance(WAVE_JOB_SECONDS);
      const signal = await backend.signals.next(
        start.executionId,
        changedAt,
        message => (message.version as number) > version,
        30_000,
      );
      if (signal.message.status !== expected) {
        throw new Error(
          `Drill ${start.executionId} signalled ${signal.message.status}, expected ${expected}`,
        );
      }
      changes.push(splitAtCycle(backend, changedAt, signal.at));
    }
  }
  return changes;
}

/** One drill start on each service, each with its own plan and servers; they stay running. */
export async function startsOnSeparatePlans(
  backend: BenchBackend,
  entities: string[],
  timing: DrillTiming,
) {
  const starts: TimedStart[] = [];
  for (const entity of entities) {
    const plan = await createPlan(backend, entity, 2);
    starts.push(await timedStart(backend, entity, plan.planId, timing));
  }
  return starts;
}
