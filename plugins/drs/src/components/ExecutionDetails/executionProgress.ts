import {
  Execution,
  ExecutionApprovalStep,
  ExecutionWave,
  isActiveExecutionStatus,
} from '@drs-orchestration/plugin-drs-common';
import { isReverseInFlight } from '../WayBack/wayBack';

export interface WaveCounts {
  total: number;
  launching: number;
  /** LAUNCHED or HEALTHY. */
  launched: number;
  healthy: number;
  failed: number;
}

export function waveCounts(wave: ExecutionWave): WaveCounts {
  const count = (...statuses: string[]) =>
    wave.servers.filter(server => statuses.includes(server.status)).length;
  return {
    total: wave.servers.length,
    launching: count('LAUNCHING'),
    launched: count('LAUNCHED', 'HEALTHY'),
    healthy: count('HEALTHY'),
    failed: count('FAILED'),
  };
}

/** Share of the wave's servers that reached what the wave waits for, 0–100. */
export function wavePercent(wave: ExecutionWave): number {
  const counts = waveCounts(wave);
  if (counts.total === 0) return 0;
  const reached = wave.waitFor === 'HEALTHY' ? counts.healthy : counts.launched;
  return Math.round((reached / counts.total) * 100);
}

/**
 * The approval step the wave waits on, if any: a resume naming the wave approves it rather
 * than the wave's start (steps run one at a time, so there is one at most).
 */
export function awaitedApprovalStep(
  wave: ExecutionWave,
): ExecutionApprovalStep | undefined {
  return (wave.steps ?? []).find(
    (step): step is ExecutionApprovalStep =>
      step.type === 'approval' &&
      step.status === 'RUNNING' &&
      step.approvedAt === undefined,
  );
}

export function isTerminateInFlight(execution: Execution): boolean {
  const status = execution.requests.terminate?.status ?? 'REQUESTED';
  return (
    execution.requests.terminate !== undefined &&
    (status === 'REQUESTED' || status === 'STARTED')
  );
}

/**
 * Still changing: the engine drives it, terminates its instances, or follows its reverse
 * replication.
 */
export function isExecutionLive(execution: Execution): boolean {
  return (
    isActiveExecutionStatus(execution.status) ||
    isTerminateInFlight(execution) ||
    isReverseInFlight(execution.requests.reverseReplication)
  );
}

/** A drill with recovery instances that nobody is terminating yet. */
export function canTerminateDrillInstances(execution: Execution): boolean {
  const launched = execution.waves.some(wave =>
    wave.servers.some(
      server => server.launchedAt !== undefined || server.recoveryInstanceId,
    ),
  );
  return (
    execution.mode === 'DRILL' &&
    launched &&
    !isTerminateInFlight(execution) &&
    execution.requests.terminate?.status !== 'COMPLETED'
  );
}
