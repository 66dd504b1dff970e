import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  decide,
  deepEqual,
  DrsJobObservation,
  DrsObservations,
  EngineCommand,
  observationNeeds,
  recordObservationError,
  recordTerminateRefused,
  recordTerminateStarted,
  recordWaveAwaitingCapacity,
  recordWaveLaunched,
  recordWaveLaunchRejected,
  RecoveryInstanceObservation,
  START_WAVE_TAG_EXECUTION_ID,
  START_WAVE_TAG_WAVE,
} from '@drs-orchestration/plugin-drs-common/engine';
import { ExecutionStore } from '../DynamoStore/ExecutionStore';
import { DrsGateway, DrsLocation, locationKey } from '../DrsGateway/types';
import {
  describeDrsError,
  errorName,
  isCapacityRefusal,
  isConflict,
  isPermanentDrsError,
} from '../DrsGateway/drsErrors';
import { EngineMetrics } from './metrics';

/** Announces what the engine changed: signals to open pages, notifications to owners. */
export interface ExecutionListener {
  executionChanged(execution: Execution): Promise<void>;
  executionReached(execution: Execution, event: string): Promise<void>;
}

export interface EngineOptions {
  store: ExecutionStore;
  gateway: DrsGateway;
  logger: LoggerService;
  pollIntervalSeconds: number;
  /** See EngineSettings.launchLeaseSeconds; shorter only in tests with short DRS timeouts. */
  launchLeaseSeconds?: number;
  defaultAccountId?: string;
  listener: ExecutionListener;
  metrics?: EngineMetrics;
  /** Injected for tests; the engine never reads the clock elsewhere. */
  now?: () => Date;
}

export interface CycleStats {
  executions: number;
  /** Executions the state machine ran for; the others were settled with what DRS still reports. */
  decided: number;
  written: number;
}

/** Executions driven at once: their writes and DRS calls overlap, within DynamoDB's and DRS's limits. */
export const DRIVE_CONCURRENCY = 16;

/** A job adopted from DRS is looked for from a little before its intent, for clock skew. */
const ADOPTION_LOOKBACK_MS = 5 * 60 * 1000;
/**
 * Unchanged executions still record a poll now and then, so "last polled" stays honest. It
 * also bounds how late a rule of the clock alone (timeout, lost job, launch lease) is seen for
 * a settled execution, which is otherwise not decided again until it or DRS changes.
 */
const HEARTBEAT_MS = 60 * 1000;

/** Why DRS did not act this time, as the execution's polling error shows it. */
function transientReason(error: unknown): string {
  return isCapacityRefusal(error)
    ? `Waiting for DRS capacity: ${describeDrsError(error)}`
    : describeDrsError(error);
}

function locationOf(
  execution: Execution,
  defaultAccountId?: string,
): DrsLocation {
  return {
    accountId: execution.accountId ?? defaultAccountId,
    region: execution.region,
  };
}

/**
 * One cycle of the engine: find the executions that need driving, observe DRS in batches per
 * account and region, decide with the pure state machine, act, and record with conditional
 * writes. Launch intent is written before StartRecovery and the job ID after it, so a crash at
 * any point is resumed by adopting the job DRS already has instead of launching twice.
 */
export function createEngine(options: EngineOptions) {
  const { store, gateway, logger, listener, metrics } = options;
  const now = options.now ?? (() => new Date());
  const settings = {
    pollIntervalSeconds: options.pollIntervalSeconds,
    launchLeaseSeconds: options.launchLeaseSeconds,
  };

  /**
   * Observes DRS once for all these executions (one account and region) and returns, for each
   * of them, its own part of what was seen: decide's lookups then stay small however many
   * executions share the location.
   */
  async function observe(
    location: DrsLocation,
    executions: Execution[],
  ): Promise<(execution: Execution) => DrsObservations> {
    // Plain loops, no intermediate arrays: these run over every active execution each cycle.
    const needs = executions.map(observationNeeds);
    const jobIds = new Set<string>();
    const serverIds = new Set<string>();
    for (const need of needs) {
      for (const jobId of need.jobIds) jobIds.add(jobId);
      for (const id of need.sourceServerIdsNeedingInstances) serverIds.add(id);
    }
    const jobs: Record<string, DrsJobObservation> = {};
    const instances: Record<string, RecoveryInstanceObservation> = {};
    if (jobIds.size > 0) {
      metrics?.drsCalls.add(1, { operation: 'DescribeJobs' });
      for (const job of await gateway.describeJobs(location, [...jobIds]))
        jobs[job.jobId] = job;
    }
    // The job log explains failures: it is read once, when a running wave's job completes
    // with a server that did not launch.
    const startedJobIds = new Set(
      executions.flatMap(e =>
        e.waves.filter(w => w.status === 'STARTED').map(w => w.jobId),
      ),
    );
    for (const job of Object.values(jobs)) {
      const failed = job.participatingServers.some(
        server => server.launchStatus !== 'LAUNCHED',
      );
      if (
        job.status === 'COMPLETED' &&
        failed &&
        startedJobIds.has(job.jobId)
      ) {
        metrics?.drsCalls.add(1, { operation: 'DescribeJobLogItems' });
        job.log = await gateway.describeJobLog(location, job.jobId);
      }
    }
    // Recovery instances exist only for launched servers: ask for those alone, which keeps
    // the calls per cycle proportional to servers that just launched, not to servers in flight.
    const launched = new Set<string>();
    for (const execution of executions) {
      for (const wave of execution.waves) {
        for (const server of wave.servers) {
          if (server.status === 'LAUNCHED') launched.add(server.sourceServerId);
        }
      }
    }
    for (const job of Object.values(jobs)) {
      for (const server of job.participatingServers) {
        if (server.launchStatus === 'LAUNCHED')
          launched.add(server.sourceServerId);
      }
    }
    const instanceIds = [...serverIds].filter(id => launched.has(id));
    if (instanceIds.length > 0) {
      metrics?.drsCalls.add(1, { operation: 'DescribeRecoveryInstances' });
      for (const instance of await gateway.describeRecoveryInstances(
        location,
        instanceIds,
      )) {
        instances[instance.sourceServerId] = instance;
      }
    }
    const needsById = new Map(
      executions.map((execution, i) => [execution.executionId, needs[i]]),
    );
    return execution => {
      const own = needsById.get(execution.executionId)!;
      const ownJobs: Record<string, DrsJobObservation> = {};
      for (const jobId of own.jobIds) {
        if (jobs[jobId]) ownJobs[jobId] = jobs[jobId];
      }
      const ownInstances: Record<string, RecoveryInstanceObservation> = {};
      if (instanceIds.length > 0) {
        for (const serverId of own.sourceServerIdsNeedingInstances) {
          if (instances[serverId]) ownInstances[serverId] = instances[serverId];
        }
      }
      return { jobs: ownJobs, recoveryInstancesBySourceServer: ownInstances };
    };
  }

  /** Finds the job a previous attempt started for this wave, by the tags every launch carries. */
  async function findLaunchedJob(execution: Execution, waveIndex: number) {
    const wave = execution.waves[waveIndex];
    const since = new Date(
      Date.parse(wave.launchIntentAt ?? execution.createdAt) -
        ADOPTION_LOOKBACK_MS,
    ).toISOString();
    metrics?.drsCalls.add(1, { operation: 'DescribeJobs' });
    const jobs = await gateway.describeJobsSince(
      locationOf(execution, options.defaultAccountId),
      since,
    );
    return jobs.find(
      job =>
        job.tags[START_WAVE_TAG_EXECUTION_ID] === execution.executionId &&
        job.tags[START_WAVE_TAG_WAVE] === wave.name,
    );
  }

  /** The execution with the wave's job recorded, or undefined when there is nothing to record yet. */
  async function startWave(
    execution: Execution,
    command: Extract<EngineCommand, { type: 'START_WAVE' }>,
  ): Promise<Execution | undefined> {
    const location = locationOf(execution, options.defaultAccountId);
    if (command.adoptExisting) {
      const adopted = await findLaunchedJob(execution, command.waveIndex);
      if (adopted) {
        logger.info(
          `Execution ${execution.executionId}: adopted job ${
            adopted.jobId
          } for wave ${execution.waves[command.waveIndex].name}`,
        );
        return recordWaveLaunched(
          execution,
          command.waveIndex,
          adopted.jobId,
          now(),
        );
      }
      // The cycle that wrote the intent may still be calling StartRecovery: wait for its lease.
      if (!command.mayLaunch) return undefined;
    }
    try {
      metrics?.drsCalls.add(1, { operation: 'StartRecovery' });
      const { jobId } = await gateway.startRecovery(location, command);
      return recordWaveLaunched(execution, command.waveIndex, jobId, now());
    } catch (error) {
      metrics?.drsErrors.add(1, { error: errorName(error) });
      if (isConflict(error)) {
        // A job already holds these servers: ours from a lost attempt, or someone else's.
        const adopted = await findLaunchedJob(execution, command.waveIndex);
        if (adopted) {
          return recordWaveLaunched(
            execution,
            command.waveIndex,
            adopted.jobId,
            now(),
          );
        }
        return recordWaveLaunchRejected(
          execution,
          command.waveIndex,
          `Another DRS job holds these source servers: ${describeDrsError(
            error,
          )}`,
          now(),
        );
      }
      if (isPermanentDrsError(error)) {
        return recordWaveLaunchRejected(
          execution,
          command.waveIndex,
          `DRS refused the launch: ${describeDrsError(error)}`,
          now(),
        );
      }
      if (isCapacityRefusal(error)) {
        return recordWaveAwaitingCapacity(
          execution,
          command.waveIndex,
          transientReason(error),
          now(),
        );
      }
      // Throttling, 5xx, network: the intent stays; a later cycle adopts or retries.
      return recordObservationError(execution, transientReason(error), now());
    }
  }

  /**
   * A TERMINATE job DRS started for all these instances since the request: one whose answer
   * was lost (a 5xx after DRS created it, or a crash), which must be adopted, not repeated.
   */
  async function findTerminateJob(
    execution: Execution,
    recoveryInstanceIds: string[],
  ) {
    const requestedAt = execution.requests.terminate?.at ?? execution.createdAt;
    const since = new Date(
      Date.parse(requestedAt) - ADOPTION_LOOKBACK_MS,
    ).toISOString();
    metrics?.drsCalls.add(1, { operation: 'DescribeJobs' });
    const jobs = await gateway.describeJobsSince(
      locationOf(execution, options.defaultAccountId),
      since,
    );
    return jobs.find(job => {
      const terminated = new Set(
        job.participatingServers.map(server => server.recoveryInstanceId),
      );
      return (
        job.type === 'TERMINATE' &&
        recoveryInstanceIds.every(id => terminated.has(id))
      );
    });
  }

  async function terminate(
    execution: Execution,
    recoveryInstanceIds: string[],
  ) {
    try {
      const earlier = await findTerminateJob(execution, recoveryInstanceIds);
      if (earlier)
        return recordTerminateStarted(execution, earlier.jobId, now());
      metrics?.drsCalls.add(1, { operation: 'TerminateRecoveryInstances' });
      const { jobId } = await gateway.terminateRecoveryInstances(
        locationOf(execution, options.defaultAccountId),
        recoveryInstanceIds,
      );
      return recordTerminateStarted(execution, jobId, now());
    } catch (error) {
      metrics?.drsErrors.add(1, { error: errorName(error) });
      if (isPermanentDrsError(error)) {
        // The SDK's retry of a call whose answer was lost finds the instances gone once the
        // TERMINATE job it created has finished: that job is the answer, not a refusal.
        const earlier = await findTerminateJob(
          execution,
          recoveryInstanceIds,
        ).catch(() => undefined);
        if (earlier) {
          return recordTerminateStarted(execution, earlier.jobId, now());
        }
        return recordTerminateRefused(
          execution,
          describeDrsError(error),
          now(),
        );
      }
      // Throttling, 5xx, no capacity, a job still holding the servers: the next cycle looks again.
      return recordObservationError(execution, transientReason(error), now());
    }
  }

  /** Writes with the version read; a lost race re-applies `reapply` to fresh data, a few times. */
  async function persist(
    execution: Execution,
    reapply?: (fresh: Execution) => Execution,
  ): Promise<Execution | undefined> {
    let next = execution;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await store.update(next);
      } catch (error) {
        if (!(error instanceof ConflictError) || !reapply) return undefined;
        next = reapply(await store.get(execution.executionId));
      }
    }
    return undefined;
  }

  /**
   * Executions whose last decision was to do nothing, with what it saw: the same version and
   * the same observations again would decide the same until a clock rule falls due.
   */
  const settled = new Map<
    string,
    { version: number; observations: DrsObservations }
  >();

  function isSettled(
    execution: Execution,
    observations: DrsObservations,
    heartbeatDue: boolean,
  ): boolean {
    const last = settled.get(execution.executionId);
    return (
      !heartbeatDue &&
      last?.version === execution.version &&
      deepEqual(last.observations, observations)
    );
  }

  /** Whether the state machine ran for the execution, and whether anything was written. */
  async function drive(
    execution: Execution,
    observations: DrsObservations,
  ): Promise<{ decided: boolean; written: boolean }> {
    const heartbeatDue =
      Date.parse(execution.polling.lastPolledAt ?? '1970-01-01T00:00:00Z') +
        HEARTBEAT_MS <=
      now().getTime();
    if (isSettled(execution, observations, heartbeatDue)) {
      return { decided: false, written: false };
    }
    const decision = decide(execution, observations, now(), settings);
    for (const t of decision.transitions) {
      metrics?.transitions.add(1, { scope: t.scope, to: t.to });
    }
    const actions = decision.commands.filter(c => c.type !== 'NOTIFY');
    if (!decision.changed && actions.length === 0 && !heartbeatDue) {
      settled.set(execution.executionId, {
        version: execution.version,
        observations,
      });
      return { decided: true, written: false };
    }
    settled.delete(execution.executionId);
    // The intent is recorded before any DRS call; losing this race means another engine acts.
    let current = await persist(decision.execution);
    if (!current) return { decided: true, written: false };

    for (const command of actions) {
      const before = current;
      let acted: Execution | undefined;
      if (command.type === 'START_WAVE') {
        acted = await startWave(before, command);
      } else if (command.type === 'TERMINATE_RECOVERY_INSTANCES') {
        acted = await terminate(before, command.recoveryInstanceIds);
      }
      if (!acted) continue;
      const jobId =
        command.type === 'START_WAVE'
          ? acted.waves[command.waveIndex].jobId
          : undefined;
      const written = await persist(acted, fresh =>
        jobId && command.type === 'START_WAVE'
          ? recordWaveLaunched(fresh, command.waveIndex, jobId, now())
          : fresh,
      );
      if (!written) {
        logger.warn(
          `Execution ${execution.executionId}: could not record the result of ${command.type}; the next cycle adopts it`,
        );
        return { decided: true, written: true };
      }
      current = written;
    }

    await listener.executionChanged(current);
    for (const command of decision.commands) {
      if (command.type === 'NOTIFY') {
        if (command.event === 'FAILED' || command.event === 'TIMED_OUT') {
          metrics?.failures.add(1, { status: command.event });
        }
        await listener.executionReached(current, command.event);
      }
    }
    return { decided: true, written: true };
  }

  return {
    /**
     * Drives one execution now, outside the cycle: a start or a request takes effect at once
     * instead of at the scheduler's next turn. Conditional writes and the launch lease keep it
     * safe beside a cycle driving the same execution on any replica.
     */
    async driveNow(executionId: string): Promise<void> {
      const execution = await store.find(executionId);
      if (!execution) return;
      const observationsOf = await observe(
        locationOf(execution, options.defaultAccountId),
        [execution],
      );
      await drive(execution, observationsOf(execution));
    },

    async runCycle(signal?: AbortSignal): Promise<CycleStats> {
      const started = Date.now();
      const executions = await store.listForEngine();
      const visited = new Set(executions.map(e => e.executionId));
      for (const executionId of settled.keys()) {
        if (!visited.has(executionId)) settled.delete(executionId);
      }
      const byLocation = new Map<string, Execution[]>();
      for (const execution of executions) {
        const key = locationKey(
          locationOf(execution, options.defaultAccountId),
        );
        const group = byLocation.get(key);
        if (group) group.push(execution);
        else byLocation.set(key, [execution]);
      }
      let decided = 0;
      let written = 0;
      await Promise.all(
        [...byLocation.values()].map(async group => {
          let observationsOf: (execution: Execution) => DrsObservations;
          try {
            observationsOf = await observe(
              locationOf(group[0], options.defaultAccountId),
              group,
            );
          } catch (error) {
            metrics?.drsErrors.add(1, { error: errorName(error) });
            logger.warn(
              `DRS could not be observed: ${describeDrsError(error)}`,
            );
            const unobserved = {
              jobs: {},
              recoveryInstancesBySourceServer: {},
              error: describeDrsError(error),
            };
            observationsOf = () => unobserved;
          }
          let position = 0;
          const worker = async () => {
            // An abandoned cycle (scheduler timeout) starts nothing new; the next cycle goes on.
            while (position < group.length && !signal?.aborted) {
              const next = group[position++];
              try {
                const outcome = await drive(next, observationsOf(next));
                if (outcome.decided) decided++;
                if (outcome.written) written++;
              } catch (error) {
                // One execution's trouble must not stop the others; it is retried next cycle.
                logger.error(
                  `Execution ${
                    next.executionId
                  } could not be driven: ${describeDrsError(error)}`,
                );
              }
            }
          };
          await Promise.all(Array.from({ length: DRIVE_CONCURRENCY }, worker));
        }),
      );
      metrics?.cycleDuration.record((Date.now() - started) / 1000);
      metrics?.activeExecutions.record(executions.length);
      return { executions: executions.length, decided, written };
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
