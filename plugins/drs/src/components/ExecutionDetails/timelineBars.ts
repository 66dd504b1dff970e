/** The bars of the execution timeline: where each wave's, step's and server's time went. */
import {
  ExecutionServer,
  ExecutionStep,
  ExecutionWave,
  isStepEnded,
  StepPhase,
  StepStatus,
} from '@drs-orchestration/plugin-drs-common';
import { formatDuration } from '../format';

export type BarKind = 'running' | 'ok' | 'healthCheck' | 'failed' | 'other';

export interface Bar {
  label: string;
  start: string;
  end: string;
  kind: BarKind;
}

function waveBarKind(wave: ExecutionWave): BarKind {
  if (wave.status === 'COMPLETED') return 'ok';
  if (wave.status === 'FAILED') return 'failed';
  if (wave.status === 'STARTED') return 'running';
  return 'other';
}

export function waveBar(wave: ExecutionWave, now: string): Bar | undefined {
  if (!wave.startedAt) return undefined;
  const end =
    wave.endedAt ?? (wave.status === 'STARTED' ? now : wave.startedAt);
  const recovered =
    wave.recoveredAt && wave.recoveredAt !== end
      ? `, recovered in ${formatDuration(wave.startedAt, wave.recoveredAt)}`
      : '';
  return {
    label: `${wave.name}: ${formatDuration(wave.startedAt, end)}${recovered}`,
    start: wave.startedAt,
    end,
    kind: waveBarKind(wave),
  };
}

/** A server's time: launching from its wave's start, then until it passed its health check. */
function serverBars(
  server: ExecutionServer,
  wave: ExecutionWave,
  now: string,
): Bar[] {
  const name = server.hostname ?? server.sourceServerId;
  const waveStart = wave.startedAt;
  if (!waveStart) return [];
  if (!server.launchedAt) {
    const end = server.status === 'LAUNCHING' ? now : wave.endedAt ?? waveStart;
    return [
      {
        label: `${name} ${
          server.status === 'FAILED' ? 'failed after' : 'launching'
        }: ${formatDuration(waveStart, end)}`,
        start: waveStart,
        end,
        kind: server.status === 'FAILED' ? 'failed' : 'running',
      },
    ];
  }
  const bars: Bar[] = [
    {
      label: `${name} launched in ${formatDuration(
        waveStart,
        server.launchedAt,
      )}`,
      start: waveStart,
      end: server.launchedAt,
      kind: server.status === 'FAILED' ? 'failed' : 'ok',
    },
  ];
  if (server.healthyAt) {
    bars.push({
      label: `${name} healthy ${formatDuration(
        server.launchedAt,
        server.healthyAt,
      )} after launch`,
      start: server.launchedAt,
      end: server.healthyAt,
      kind: 'healthCheck',
    });
  }
  return bars;
}

const stepBarKinds: Partial<Record<StepStatus, BarKind>> = {
  RUNNING: 'running',
  SUCCEEDED: 'ok',
  FAILED: 'failed',
  TIMED_OUT: 'failed',
};

/** A step's time: from its start to its end, or to now while it runs. */
function stepBars(step: ExecutionStep, now: string): Bar[] {
  if (!step.startedAt) return [];
  const end = step.endedAt ?? (isStepEnded(step.status) ? step.startedAt : now);
  return [
    {
      label: `step ${step.name} ${step.status.toLowerCase()}: ${formatDuration(
        step.startedAt,
        end,
      )}`,
      start: step.startedAt,
      end,
      kind: stepBarKinds[step.status] ?? 'other',
    },
  ];
}

/** A row of an opened wave: one of its servers, or one of its steps. */
export interface TimelineRow {
  key: string;
  label: string;
  bars: Bar[];
}

/** An opened wave's rows in the order their time passes: before steps, servers, after steps. */
export function waveRows(wave: ExecutionWave, now: string): TimelineRow[] {
  const stepRows = (phase: StepPhase) =>
    (wave.steps ?? [])
      .filter(step => step.phase === phase)
      .map(step => ({
        key: `${phase}/${step.name}`,
        label: `${phase}: ${step.name}`,
        bars: stepBars(step, now),
      }));
  return [
    ...stepRows('before'),
    ...wave.servers.map(server => ({
      key: server.sourceServerId,
      label: server.hostname ?? server.sourceServerId,
      bars: serverBars(server, wave, now),
    })),
    ...stepRows('after'),
  ];
}
