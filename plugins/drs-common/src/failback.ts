/*
 * A FAILBACK execution: a completed recovery's waves, by default in reverse order, launching
 * the reversed source servers back in the original region with the plan's steps and approvals.
 */
import type { Execution, ExecutionWave } from './executionTypes';
import type { SourceServer, RecoveryPlan } from './types';
import { DEFAULT_HEALTH_TIMEOUT_SECONDS, executionSteps } from './steps';

/**
 * The order a recovery's waves fail back in: the plan's `failbackWaveOrder` when it names every
 * wave of the recovery, else the recovery's order reversed.
 *
 * @public
 */
export function failbackWaveOrder(
  recovery: Pick<Execution, 'waves'>,
  plan?: Pick<RecoveryPlan, 'failbackWaveOrder'>,
): string[] {
  const names = recovery.waves.map(wave => wave.name);
  const order = plan?.failbackWaveOrder;
  const complete =
    order !== undefined &&
    order.length === names.length &&
    names.every(name => order.includes(name));
  return complete ? [...order] : [...names].reverse();
}

/**
 * The reversed source servers a failback launches, by the recovery's source server ID, with the
 * region they replicate in; throws naming what is missing when the recovery has none to launch.
 */
function reversedByServer(recovery: Execution) {
  const reverse = recovery.requests.reverseReplication;
  const byServer = new Map<string, { id: string; region: string }>();
  for (const server of reverse?.servers ?? []) {
    if (server.reversedSourceServerId && server.reversedRegion) {
      byServer.set(server.sourceServerId, {
        id: server.reversedSourceServerId,
        region: server.reversedRegion,
      });
    }
  }
  const regions = new Set([...byServer.values()].map(s => s.region));
  if (byServer.size === 0 || regions.size !== 1) {
    throw new Error(
      `Recovery ${recovery.executionId} has ${
        byServer.size === 0
          ? 'no reversed source servers'
          : `reversed source servers in several regions (${[...regions].join(
              ', ',
            )})`
      }; a failback launches in one region`,
    );
  }
  return { byServer, region: [...regions][0] };
}

/**
 * A new FAILBACK execution of a completed recovery whose reverse replication is CONTINUOUS:
 * every wave PENDING, every reversed source server NOT_STARTED, the plan's steps, approvals and
 * health gates as the plan has them now (a wave the plan no longer has keeps the recovery's
 * `waitFor` and `pauseBefore`, without steps). Waves depend on none but their order.
 *
 * @public
 */
export function newFailbackExecution(options: {
  executionId: string;
  recovery: Execution;
  plan?: RecoveryPlan;
  initiatedBy: string;
  now: Date;
  /** The reversed source servers as DRS lists them now, for their hostnames. */
  servers?: SourceServer[];
}): Execution {
  const { recovery, plan, now } = options;
  const { byServer, region } = reversedByServer(recovery);
  const hostnames = new Map(
    (options.servers ?? []).map(s => [s.sourceServerId, s.hostname]),
  );
  const waves = failbackWaveOrder(recovery, plan).map(name => {
    const ran = recovery.waves.find(wave => wave.name === name)!;
    const planned = plan?.waves.find(wave => wave.name === name);
    const steps = planned ? executionSteps(planned) : [];
    const waitFor = planned?.waitFor ?? ran.waitFor;
    const wave: ExecutionWave = {
      name,
      status: 'PENDING',
      waitFor,
      pauseBefore: planned?.pauseBefore ?? ran.pauseBefore,
      dependsOn: [],
      ...(steps.length > 0 ? { steps } : {}),
      ...(waitFor === 'HEALTHY'
        ? {
            healthTimeoutSeconds:
              planned?.healthTimeoutSeconds ??
              ran.healthTimeoutSeconds ??
              DEFAULT_HEALTH_TIMEOUT_SECONDS,
          }
        : {}),
      servers: ran.servers.flatMap(server => {
        const reversed = byServer.get(server.sourceServerId);
        if (!reversed) return [];
        const hostname = hostnames.get(reversed.id) ?? server.hostname;
        return [
          {
            sourceServerId: reversed.id,
            ...(hostname ? { hostname } : {}),
            status: 'NOT_STARTED' as const,
          },
        ];
      }),
      jobLog: [],
    };
    return wave;
  });
  const timeoutMinutes = plan?.timeoutMinutes ?? 360;
  return {
    executionId: options.executionId,
    planId: recovery.planId,
    planName: plan?.name ?? recovery.planName,
    entityRef: recovery.entityRef,
    mode: 'FAILBACK',
    status: 'PENDING',
    ...(recovery.accountId ? { accountId: recovery.accountId } : {}),
    region,
    initiatedBy: options.initiatedBy,
    createdAt: now.toISOString(),
    timeoutAt: new Date(now.getTime() + timeoutMinutes * 60_000).toISOString(),
    waves: waves.filter(wave => wave.servers.length > 0),
    polling: { pollCount: 0 },
    requests: {},
    ...(recovery.objectives ? { objectives: recovery.objectives } : {}),
    lineage: { fromExecutionId: recovery.executionId, fromMode: 'RECOVERY' },
    version: 1,
  };
}

/**
 * The reversed servers DRS lists that do not replicate CONTINUOUS (or that DRS no longer
 * lists), each with why: what refuses a failback's pre-flight.
 *
 * @public
 */
export function failbackNotReady(
  recovery: Execution,
  observed: SourceServer[],
): string[] {
  const byId = new Map(observed.map(s => [s.sourceServerId, s]));
  return (recovery.requests.reverseReplication?.servers ?? []).flatMap(
    server => {
      const id = server.reversedSourceServerId;
      const name = server.hostname ?? server.sourceServerId;
      if (!id) return [`${name} (not reversed)`];
      const seen = byId.get(id);
      if (!seen) return [`${name} → ${id} (not found in DRS)`];
      return seen.replicationState === 'CONTINUOUS'
        ? []
        : [`${name} → ${id} (${seen.replicationState})`];
    },
  );
}
