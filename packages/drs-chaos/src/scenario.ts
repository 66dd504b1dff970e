import type { FailurePhase } from '@drs-orchestration/drs-simulator';
import { Dice } from '@drs-orchestration/drs-simulator';
import { TEST_ACCOUNT_ID, TEST_REGION } from '@drs-orchestration/drs-testkit';
import {
  Execution,
  ExecutionStatus,
} from '@drs-orchestration/plugin-drs-common';
import { CUT_OFF_AGO_MS, RECOVERY_SHARE } from './settings';

export const WAVE_NAMES = ['db', 'app', 'web'];
const SERVERS_PER_WAVE = 2;

/** What a person does to an execution during the run, through the plugin's API. */
export type RequestPlan =
  /** Cancel as soon as this wave is seen running. */
  | { kind: 'cancel-while-running'; wave: number }
  /** The plan pauses before this wave; resume it when seen PAUSED. */
  | { kind: 'resume'; wave: number }
  /** The plan pauses before this wave; cancel it when seen PAUSED. */
  | { kind: 'cancel-while-paused'; wave: number };

export interface ExecutionPlan {
  name: string;
  waves: { name: string; hostnames: string[]; pauseBefore: boolean }[];
  /** The one server that DRS fails, if any: its wave fails, and the execution with it. */
  failure?: { wave: number; hostname: string; phase: FailurePhase };
  request?: RequestPlan;
  /**
   * A real recovery from the servers' latest points in time at or before a cut-off this long
   * before its start (the ransomware case); absent for a drill from DRS's latest.
   */
  recoveryCutOffAgoMs?: number;
  /** Once the drill has ended, ask to terminate its recovery instances. */
  terminateAfter: boolean;
  /** When the execution is started, after the chaos begins. */
  startAfterMs: number;
}

/** What became of a request: accepted (the version it was written in) or refused. */
export type RequestOutcome =
  | { sent: false }
  | { sent: true; accepted: Execution }
  | { sent: true; refused: string; statusThen: ExecutionStatus };

/**
 * Draws the executions of one run: which server fails where, which execution gets a
 * cancel or a pause and resume, which is a recovery from a cut-off, and when each starts.
 */
export function planExecutions(
  dice: Dice,
  options: { count: number; startWindowMs: number },
): ExecutionPlan[] {
  return Array.from({ length: options.count }, (_, index) => {
    const name = `chaos-${String(index).padStart(2, '0')}`;
    const waves = WAVE_NAMES.map(wave => ({
      name: wave,
      hostnames: Array.from(
        { length: SERVERS_PER_WAVE },
        (__, n) => `${name}-${wave}-${n + 1}`,
      ),
      pauseBefore: false,
    }));
    const failureRoll = dice.next();
    let failure: ExecutionPlan['failure'];
    if (failureRoll < 0.3) {
      const wave = dice.int(0, waves.length - 1);
      failure = {
        wave,
        hostname: waves[wave].hostnames[dice.int(0, SERVERS_PER_WAVE - 1)],
        phase: failureRoll < 0.15 ? 'launch' : 'cleanup',
      };
    }
    const requestRoll = dice.next();
    let request: RequestPlan | undefined;
    if (requestRoll < 0.2) {
      request = {
        kind: 'cancel-while-running',
        wave: dice.int(0, waves.length - 1),
      };
    } else if (requestRoll < 0.48) {
      const wave = dice.int(1, waves.length - 1);
      waves[wave].pauseBefore = true;
      request = {
        kind: requestRoll < 0.4 ? 'resume' : 'cancel-while-paused',
        wave,
      };
    }
    const startAfterMs = Math.round(dice.between(0, options.startWindowMs));
    const drillTerminated = dice.next() < 0.5;
    const recovery = dice.next() < RECOVERY_SHARE;
    return {
      name,
      waves,
      failure,
      request,
      startAfterMs,
      ...(recovery
        ? { recoveryCutOffAgoMs: Math.round(dice.between(...CUT_OFF_AGO_MS)) }
        : {}),
      // Only a drill's instances are terminated: a recovery's are the service now.
      terminateAfter: !recovery && drillTerminated,
    };
  });
}

/** The simulator's inventory: every planned server, the failing ones with their `failAt`. */
export function inventoryOf(plans: ExecutionPlan[]) {
  return {
    accounts: [
      {
        accountId: TEST_ACCOUNT_ID,
        region: TEST_REGION,
        sourceServers: plans.flatMap(plan =>
          plan.waves.flatMap(wave =>
            wave.hostnames.map(hostname => ({
              hostname,
              tags: { Application: plan.name, Tier: wave.name },
              lagSeconds: 5,
              ...(plan.failure?.hostname === hostname
                ? { failAt: plan.failure.phase }
                : {}),
            })),
          ),
        ),
      },
    ],
  };
}

/** True when the execution can get where its request is made, given its failure. */
export function requestReachable(plan: ExecutionPlan): boolean {
  if (!plan.request) return false;
  // A failed wave stops the execution before any later wave runs or pauses.
  return plan.failure === undefined || plan.failure.wave >= plan.request.wave;
}

export interface Expectation {
  status: ExecutionStatus;
  /** Indexes of the waves DRS must have launched, each exactly once; the others never. */
  launchedWaves: number[];
}

/**
 * The terminal state the injected faults and the requests imply. An accepted cancel always ends
 * CANCELLED, with exactly the waves started when it was accepted launched; otherwise the first
 * failing wave fails the execution and no later wave starts.
 */
export function expectedOutcome(
  plan: ExecutionPlan,
  request: RequestOutcome,
): Expectation {
  const cancelled =
    plan.request?.kind !== 'resume' && request.sent && 'accepted' in request
      ? request.accepted
      : undefined;
  if (cancelled) {
    return {
      status: 'CANCELLED',
      launchedWaves: cancelled.waves.flatMap((wave, i) =>
        wave.status === 'PENDING' ? [] : [i],
      ),
    };
  }
  const lastWave = plan.failure?.wave ?? plan.waves.length - 1;
  return {
    status: plan.failure ? 'FAILED' : 'COMPLETED',
    launchedWaves: plan.waves.slice(0, lastWave + 1).map((_, i) => i),
  };
}
