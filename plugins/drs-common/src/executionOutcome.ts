import type { Execution, ExecutionProgress } from './executionTypes';
import type { ExecutionStatus } from './statuses';

/**
 * How far an execution got, from its waves.
 *
 * @public
 */
export function executionProgress(
  execution: Pick<Execution, 'waves'>,
): ExecutionProgress {
  const servers = execution.waves.flatMap(wave => wave.servers);
  return {
    // a cancel marks the waves that never started CANCELLED: only a start time says it ran
    wavesStarted: execution.waves.filter(wave => wave.startedAt !== undefined)
      .length,
    serversLaunched: servers.filter(
      server =>
        server.status === 'LAUNCHED' ||
        server.status === 'HEALTHY' ||
        server.launchedAt !== undefined,
    ).length,
  };
}

/**
 * What {@link describeExecutionOutcome} reads: an execution summary, or a health's last drill.
 *
 * @public
 */
export interface ExecutionOutcomeInput {
  /** The execution's status; only FAILED, CANCELLED and TIMED_OUT are described. */
  status: ExecutionStatus | string;
  /** The plan's waves when it ran. */
  waveCount?: number;
  /** The plan's servers when it ran. */
  serverCount?: number;
  /** Waves that completed: all an execution stored without progress tells. */
  completedWaveCount?: number;
  /** Absent for executions stored before progress was recorded. */
  progress?: ExecutionProgress;
}

const endings: Record<string, string> = {
  FAILED: 'failed',
  CANCELLED: 'was cancelled',
  TIMED_OUT: 'timed out',
};

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * How far an execution that did not complete got, in words: "failed in wave 2 of 3: 4 of 6
 * servers launched", "was cancelled before any wave started". Undefined for one that
 * completed or is still running, and when the counts are unknown.
 *
 * @public
 */
export function describeExecutionOutcome(
  execution: ExecutionOutcomeInput,
): string | undefined {
  const ending = endings[execution.status];
  const { waveCount, serverCount, progress } = execution;
  if (!ending || waveCount === undefined) return undefined;
  if (!progress) {
    // stored before progress was recorded: completed waves are all it knows
    return execution.completedWaveCount === undefined
      ? undefined
      : `${ending} after ${execution.completedWaveCount} of ${plural(
          waveCount,
          'wave',
        )} completed`;
  }
  const where =
    progress.wavesStarted === 0
      ? 'before any wave started'
      : `in wave ${progress.wavesStarted} of ${waveCount}`;
  const launched =
    serverCount === undefined
      ? plural(progress.serversLaunched, 'server')
      : `${progress.serversLaunched} of ${plural(serverCount, 'server')}`;
  return `${ending} ${where}: ${launched} launched`;
}
