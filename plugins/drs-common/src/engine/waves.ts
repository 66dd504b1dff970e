import { Execution, ExecutionServer, ExecutionWave } from '../executionTypes';
import { effectiveDependencies } from '../validation';
import { approvalAwaited } from './stepState';

/** Each wave's effective dependencies by index: its dependsOn, or the wave before it. */
export function waveDependencies(execution: Execution): string[][] {
  return effectiveDependencies(
    execution.waves.map(wave => ({
      name: wave.name,
      dependsOn: wave.dependsOn,
      waitFor: wave.waitFor,
      pauseBefore: wave.pauseBefore,
      sourceServerIds: wave.servers.map(server => server.sourceServerId),
    })),
  );
}

/** True when the wave is COMPLETED and, for waitFor HEALTHY, every server is HEALTHY. */
export function hasReachedWaitFor(wave: ExecutionWave): boolean {
  if (wave.status !== 'COMPLETED') return false;
  return (
    wave.waitFor === 'LAUNCHED' ||
    wave.servers.every(server => server.status === 'HEALTHY')
  );
}

/** A STARTED wave whose DRS launch was decided and has not concluded: its job decides what comes next. */
export function isLaunching(wave: ExecutionWave): boolean {
  return (
    wave.status === 'STARTED' &&
    wave.launchIntentAt !== undefined &&
    wave.launchCompletedAt === undefined
  );
}

/** PENDING waves whose dependencies have all reached their waitFor; an unknown dependency never does. */
export function readyWaves(execution: Execution): ExecutionWave[] {
  const byName = new Map(execution.waves.map(wave => [wave.name, wave]));
  const dependencies = waveDependencies(execution);
  return execution.waves.filter(
    (wave, i) =>
      wave.status === 'PENDING' &&
      dependencies[i].every(name => {
        const dependency = byName.get(name);
        return dependency !== undefined && hasReachedWaitFor(dependency);
      }),
  );
}

export function needsApproval(wave: ExecutionWave): boolean {
  return wave.pauseBefore && wave.approvedAt === undefined;
}

/**
 * Waves that wait for someone to resume the execution naming them: a `pauseBefore` wave that
 * could start now, or a running wave whose approval step (before or after its launch) waits.
 *
 * @public
 */
export function wavesAwaitingApproval(execution: Execution): ExecutionWave[] {
  const ready = new Set(readyWaves(execution).filter(needsApproval));
  return execution.waves.filter(
    wave =>
      ready.has(wave) ||
      (wave.status === 'STARTED' && approvalAwaited(wave) !== undefined),
  );
}

/** A server DRS launched at some point (its instance may exist even if it failed later). */
export function wasLaunched(server: ExecutionServer): boolean {
  return server.launchedAt !== undefined;
}

/**
 * A failed server recovered nothing: it keeps the point in time its launch used, but has no
 * achieved data loss (which would otherwise count in the execution's worst window).
 */
export function failServer(server: ExecutionServer, reason: string) {
  server.status = 'FAILED';
  server.failureReason = reason;
  delete server.dataLossSeconds;
}

export function allServers(execution: Execution): ExecutionServer[] {
  return execution.waves.flatMap(wave => wave.servers);
}

/**
 * The recovery instances this execution created, as far as DRS told us.
 *
 * @public
 */
export function recoveryInstanceIds(execution: Execution): string[] {
  const ids = allServers(execution).flatMap(server =>
    server.recoveryInstanceId ? [server.recoveryInstanceId] : [],
  );
  return [...new Set(ids)];
}

export function serverLabel(server: ExecutionServer): string {
  return server.hostname
    ? `${server.hostname} (${server.sourceServerId})`
    : server.sourceServerId;
}

export function quotedNames(waves: ExecutionWave[]): string {
  return waves.map(wave => `"${wave.name}"`).join(', ');
}

/** The wave at an index the plumbing got from a command; a wrong index is a programming error. */
export function waveAt(execution: Execution, waveIndex: number): ExecutionWave {
  const wave = execution.waves[waveIndex];
  if (!wave) {
    throw new RangeError(
      `Execution ${execution.executionId} has no wave at index ${waveIndex}`,
    );
  }
  return wave;
}
