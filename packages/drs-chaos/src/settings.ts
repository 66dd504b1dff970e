import { JsonObject } from '@backstage/types';
import type { SimulatorFaults } from '@drs-orchestration/drs-simulator';
import { AUTOMATION_FAULTS } from './steps';

/** When and where engines are killed or held while chaos is on. Ranges are [min, max], drawn uniformly. */
export interface ChaosPolicy {
  /** A ready engine is killed this long after it became ready, unless a checkpoint kill comes first. */
  lifetimeMs: [number, number];
  restartDelayMs: [number, number];
  /** Probability per StartRecovery of a kill after the intent is written, before the call. */
  killBeforeStartRecovery: number;
  /** Probability per StartRecovery of a kill while the call is in flight (the simulator's latency holds it). */
  killDuringStartRecovery: number;
  killDuringStartRecoveryAfterMs: [number, number];
  /** Probability per StartRecovery of a kill after DRS created the job, before the engine records it. */
  killAfterJobCreated: number;
  /** Probability per StartAutomationExecution of a kill after the step's intent is written, before the call. */
  killBeforeStartAutomation: number;
  /** Probability per StartAutomationExecution of a kill after SSM started the automation, before the engine records it. */
  killAfterAutomationStarted: number;
  /**
   * Probability per checkpoint passed of holding the engine there a while, as a slow network or a
   * GC pause would: the other engine then finds the intent without a job and races to adopt it.
   */
  stallAtCheckpoint: number;
  stallMs: [number, number];
}

export const EXECUTIONS = 50;
/** DRS runs this many times faster than real: a launch job takes 2.2–2.8 s instead of 7–9 min. */
export const DRS_SPEED = 200;
export const ENGINE_NAMES = ['engine-a', 'engine-b'];
export const ENGINE_CYCLE_MS = 250;
/** Executions are started at random times in this window, so they overlap in every phase. */
export const START_WINDOW_MS = 40_000;
/** Kills stop here at the latest; one engine then finishes alone. */
export const CHAOS_DEADLINE_MS = 150_000;
/** Anything still active now is stuck. */
export const DEADLINE_MS = 240_000;
export const WATCH_INTERVAL_MS = 150;
export const REQUESTER = 'user:default/chaos';
/** Share of executions that are real recoveries from a cut-off rather than drills. */
export const RECOVERY_SHARE = 0.4;
/**
 * How far before its start a recovery's cut-off lies. Past DRS's 10-minute points in time of the
 * last hour (18 s here), so each server's point in time at or before it is an hourly one, which
 * DRS keeps a day (7 minutes here): longer than the run, so none expires before its launch.
 */
export const CUT_OFF_AGO_MS: [number, number] = [30_000, 120_000];
/** The data-loss window a recovery's starter accepts: far above the 2.5 minutes at most here. */
export const ACCEPTED_DATA_LOSS_SECONDS = 3600;
export const TABLE_PREFIX = 'chaos-';

export const FAULTS: Partial<SimulatorFaults> = {
  throttleShare: 0.1,
  internalErrorShare: 0.05,
  // The job is created but the answer is a 500: the engine must adopt it, not launch again.
  internalErrorAfterCommitShare: 0.05,
  // Holds every call (StartRecovery too) long enough for a kill to land while it is in flight.
  latencyMs: 40,
  missingRecoveryInstanceIdShare: 0.1,
  // Chaos-Flaky fails and Chaos-Hang runs until stopped; the throttles and 500s above (the
  // 500 after the automation started too) apply to SSM's calls as well.
  automationFaults: AUTOMATION_FAULTS,
};

export const CHAOS_POLICY: ChaosPolicy = {
  lifetimeMs: [1_500, 5_000],
  restartDelayMs: [100, 800],
  // Per StartRecovery; a cycle launches several waves, so these stay low enough for cycles to finish.
  killBeforeStartRecovery: 0.02,
  killDuringStartRecovery: 0.02,
  killDuringStartRecoveryAfterMs: [5, 35],
  killAfterJobCreated: 0.05,
  // Per StartAutomationExecution: a cycle repeats every start not yet recorded, so a higher
  // share kills nearly every cycle before it records anything, and steps time out unrecorded.
  killBeforeStartAutomation: 0.01,
  killAfterAutomationStarted: 0.02,
  // Far shorter than a launch job (2.2 s here). Held longer than a whole job, a StartRecovery
  // would launch its wave a second time: the other engine relaunches an intent without a job at
  // once, and DRS no longer refuses the held call once that job has ended.
  stallAtCheckpoint: 0.2,
  stallMs: [50, 400],
};

/**
 * The plugin's `drs` settings for this run, beside the local endpoints. DRS answers within
 * ~50 ms here, so calls time out after 1.5 s; the engines' launch lease (an intent left by a
 * killed engine is relaunched only after it) must outlast a call with the SDK's retries and
 * the run's checkpoint holds. The backend that takes the operators' requests runs no engine.
 */
export function chaosDrsSettings(engine: boolean): JsonObject {
  return {
    requestTimeoutSeconds: 1.5,
    engine: {
      enabled: engine,
      pollIntervalSeconds: ENGINE_CYCLE_MS / 1000,
      initialDelaySeconds: 0,
      launchLeaseSeconds: 10,
    },
  };
}
