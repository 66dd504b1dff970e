/*
 * The health gate of a wave that waits for HEALTHY: once its DRS job completed with every
 * server LAUNCHED, each server must pass both EC2 status checks (instance and system `ok`)
 * by its health deadline. A check that reports impaired may still recover (EC2 runs the checks
 * every minute), so only the deadline fails a server. Works on decide's draft.
 */
import { Execution, ExecutionServer, ExecutionWave } from '../executionTypes';
import { DEFAULT_HEALTH_TIMEOUT_SECONDS } from '../steps';
import { isoTimeAfterSeconds } from './time';
import { InstanceStatusObservation } from './types';
import { failServer, serverLabel } from './waves';

/** The wave's job completed with every server LAUNCHED: a LAUNCHED wave has recovered, a HEALTHY one opens its gate. */
export function launchCompleted(wave: ExecutionWave, now: string) {
  wave.launchCompletedAt = now;
  if (wave.waitFor === 'LAUNCHED') {
    wave.recoveredAt = now;
    return;
  }
  const deadline = isoTimeAfterSeconds(
    new Date(now),
    wave.healthTimeoutSeconds ?? DEFAULT_HEALTH_TIMEOUT_SECONDS,
  );
  for (const server of wave.servers) server.healthDeadlineAt = deadline;
}

/** Waves whose LAUNCHED servers may become HEALTHY: launched, and not failed or cancelled. */
export function awaitsHealth(wave: ExecutionWave): boolean {
  return (
    wave.status === 'COMPLETED' ||
    (wave.status === 'STARTED' && wave.launchCompletedAt !== undefined)
  );
}

/** Records the status checks EC2 reported; a LAUNCHED server whose checks are both ok becomes HEALTHY. */
export function applyInstanceStatuses(
  execution: Execution,
  statuses: Record<string, InstanceStatusObservation> | undefined,
  now: string,
) {
  if (!statuses || Object.keys(statuses).length === 0) return;
  for (const wave of execution.waves) {
    if (!awaitsHealth(wave)) continue;
    for (const server of wave.servers) {
      const observed = server.ec2InstanceId && statuses[server.ec2InstanceId];
      if (!observed || server.status !== 'LAUNCHED') continue;
      server.statusChecks = {
        instance: observed.instanceStatus,
        system: observed.systemStatus,
        seenAt: now,
      };
      if (observed.instanceStatus === 'ok' && observed.systemStatus === 'ok') {
        server.status = 'HEALTHY';
        server.healthyAt = now;
      }
    }
  }
}

function unhealthyReason(server: ExecutionServer, timeoutSeconds: number) {
  const within = `Not healthy within the ${timeoutSeconds} s health timeout`;
  if (!server.ec2InstanceId) {
    return `${within}: DRS reported no EC2 instance for it`;
  }
  const checks = server.statusChecks;
  if (!checks) {
    return `${within}: EC2 reported no status checks of ${server.ec2InstanceId}`;
  }
  const failing = [
    ['instance', checks.instance],
    ['system', checks.system],
  ].flatMap(([check, status]) =>
    status === 'ok' ? [] : [`${check} status check ${status}`],
  );
  return `${within}: ${failing.join(', ')} (${server.ec2InstanceId})`;
}

/** Where a wave in its health gate stands now. */
export type HealthGate =
  | { outcome: 'passed' }
  | { outcome: 'waiting' }
  | { outcome: 'failed'; reason: string };

/**
 * Passes the gate once every server is HEALTHY (the wave's recovery time ends there), or fails
 * the servers whose deadline came first, naming the checks that were not ok.
 */
export function passHealthGate(wave: ExecutionWave, now: Date): HealthGate {
  const unhealthy = wave.servers.filter(server => server.status !== 'HEALTHY');
  if (unhealthy.length === 0) {
    wave.recoveredAt = now.toISOString();
    return { outcome: 'passed' };
  }
  const late = unhealthy.filter(
    server =>
      server.healthDeadlineAt !== undefined &&
      now.getTime() >= Date.parse(server.healthDeadlineAt),
  );
  if (late.length === 0) return { outcome: 'waiting' };
  const timeout = wave.healthTimeoutSeconds ?? DEFAULT_HEALTH_TIMEOUT_SECONDS;
  for (const server of late) {
    failServer(server, unhealthyReason(server, timeout));
  }
  return {
    outcome: 'failed',
    reason: `${late.length} of ${
      wave.servers.length
    } servers did not become healthy: ${late
      .map(server => `${serverLabel(server)}: ${server.failureReason}`)
      .join('; ')}`,
  };
}
