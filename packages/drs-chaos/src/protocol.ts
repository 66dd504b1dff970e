/** Messages between the chaos test and its engine processes (Node IPC). */
import { JsonObject } from '@backstage/types';

/** How the parent starts an engine process: passed as its only argument, in JSON. */
export interface EngineProcessOptions {
  /** The backend's config: the drs plugin's, with the engine on. */
  config: JsonObject;
  /** The pause between the end of one engine cycle and the start of the next. */
  cycleIntervalMs: number;
}

/**
 * Points inside the engine's StartRecovery and StartAutomationExecution where the process stops
 * until the parent says `continue`, so the parent can kill it exactly there: after the launch
 * (or step) intent was written, before the call, and after DRS created the job (or SSM started
 * the automation) but before the engine recorded it.
 */
export type CheckpointName =
  | 'before-start-recovery'
  | 'job-created'
  | 'before-start-automation'
  | 'automation-started';

export type EngineMessage =
  | { type: 'ready' }
  | { type: 'cycle' }
  /** How many waves this process has written a launch intent for and not yet recorded the job of. */
  | { type: 'intents'; open: number }
  | {
      type: 'checkpoint';
      id: number;
      checkpoint: CheckpointName;
      executionId: string;
      /** The wave's name; for an automation, its step as `waveIndex/phase/indexInPhase`. */
      wave: string;
      jobId?: string;
      automationExecutionId?: string;
    };

export type ParentMessage = { type: 'continue'; id: number };

/** Where an engine stopped at a checkpoint, for the log line of its kill. */
export function describeCheckpoint(
  message: Extract<EngineMessage, { type: 'checkpoint' }>,
): string {
  const { checkpoint, wave, executionId } = message;
  if (checkpoint === 'before-start-automation') {
    return `starting the automation of step ${wave} of ${executionId}`;
  }
  if (checkpoint === 'automation-started') {
    return `recording automation ${message.automationExecutionId} of step ${wave} of ${executionId}`;
  }
  return `launching wave ${wave} of ${executionId}${
    message.jobId ? ` (DRS created ${message.jobId})` : ''
  }`;
}
