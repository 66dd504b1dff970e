import { ExecutionMode } from './statuses';
import { RecoveryPlan, SourceServer } from './types';
import { Execution } from './executionTypes';

/**
 * A new execution of a plan: every wave PENDING, every server NOT_STARTED.
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
}): Execution {
  const { plan, now } = options;
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
    waves: plan.waves.map(wave => ({
      name: wave.name,
      status: 'PENDING',
      waitFor: wave.waitFor,
      pauseBefore: wave.pauseBefore,
      dependsOn: wave.dependsOn,
      servers: wave.sourceServerIds.map(id => ({
        sourceServerId: id,
        hostname: hostnames.get(id),
        status: 'NOT_STARTED',
      })),
      jobLog: [],
    })),
    polling: { pollCount: 0 },
    requests: {},
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
