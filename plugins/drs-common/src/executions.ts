import { ExecutionMode } from './statuses';
import { RecoveryPlan, SourceServer } from './types';
import {
  Execution,
  ExecutionObjectives,
  ExecutionWave,
} from './executionTypes';
import {
  DEFAULT_HEALTH_TIMEOUT_SECONDS,
  drillCleanupOf,
  executionSteps,
} from './steps';

/**
 * A new execution of a plan: every wave PENDING with its steps PENDING, every server
 * NOT_STARTED; a drill whose plan asks for cleanup tracks it.
 *
 * @public
 */
export function newExecution(options: {
  executionId: string;
  plan: RecoveryPlan;
  mode: ExecutionMode;
  initiatedBy: string;
  accountId?: string;
  region: string;
  servers: SourceServer[];
  now: Date;
  /** The objectives in force (the plan's, else the entity's), recorded for the report. */
  objectives?: ExecutionObjectives;
}): Execution {
  const { plan, now, objectives } = options;
  const drillCleanup = drillCleanupOf(plan, options.mode);
  const hostnames = new Map(
    options.servers.map(s => [s.sourceServerId, s.hostname]),
  );
  return {
    executionId: options.executionId,
    planId: plan.planId,
    planName: plan.name,
    entityRef: plan.entityRef,
    mode: options.mode,
    status: 'PENDING',
    accountId: options.accountId,
    region: options.region,
    initiatedBy: options.initiatedBy,
    createdAt: now.toISOString(),
    timeoutAt: new Date(
      now.getTime() + plan.timeoutMinutes * 60_000,
    ).toISOString(),
    waves: plan.waves.map((wave): ExecutionWave => {
      const steps = executionSteps(wave);
      return {
        name: wave.name,
        status: 'PENDING',
        waitFor: wave.waitFor,
        pauseBefore: wave.pauseBefore,
        dependsOn: wave.dependsOn,
        ...(steps.length > 0 ? { steps } : {}),
        ...(wave.waitFor === 'HEALTHY'
          ? {
              healthTimeoutSeconds:
                wave.healthTimeoutSeconds ?? DEFAULT_HEALTH_TIMEOUT_SECONDS,
            }
          : {}),
        servers: wave.sourceServerIds.map(id => ({
          sourceServerId: id,
          hostname: hostnames.get(id),
          status: 'NOT_STARTED',
        })),
        jobLog: [],
      };
    }),
    polling: { pollCount: 0 },
    requests: {},
    ...(drillCleanup ? { drillCleanup } : {}),
    ...(objectives?.rto || objectives?.rpo
      ? {
          objectives: {
            ...(objectives.rto ? { rto: objectives.rto } : {}),
            ...(objectives.rpo ? { rpo: objectives.rpo } : {}),
          },
        }
      : {}),
    version: 1,
  };
}

/**
 * Source servers the two executions have in common: the ones they would contend for if
 * both ran at once.
 *
 * @public
 */
export function sharedSourceServers(a: Execution, b: Execution): string[] {
  const ofB = new Set(
    b.waves.flatMap(w => w.servers.map(s => s.sourceServerId)),
  );
  return a.waves
    .flatMap(w => w.servers.map(s => s.sourceServerId))
    .filter(id => ofB.has(id));
}

/**
 * The execution's worst data-loss window: the largest achieved `dataLossSeconds` among its
 * servers (those launched and not failed). Undefined until one is measured.
 *
 * @public
 */
export function worstDataLossSeconds(execution: Execution): number | undefined {
  const losses = execution.waves.flatMap(wave =>
    wave.servers.flatMap(server =>
      server.dataLossSeconds === undefined ? [] : [server.dataLossSeconds],
    ),
  );
  return losses.length > 0 ? Math.max(...losses) : undefined;
}
