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
 * Points inside the engine's StartRecovery where the process stops until the parent says
 * `continue`, so the parent can kill it exactly there: after the launch intent was written,
 * before the call, and after DRS created the job but before the engine recorded it.
 */
export type CheckpointName = 'before-start-recovery' | 'job-created';

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
      wave: string;
      jobId?: string;
    };

export type ParentMessage = { type: 'continue'; id: number };
