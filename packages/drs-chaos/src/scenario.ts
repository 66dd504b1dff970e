import type { FailurePhase } from '@drs-orchestration/drs-simulator';
import { Dice } from '@drs-orchestration/drs-simulator';
import { TEST_ACCOUNT_ID, TEST_REGION } from '@drs-orchestration/drs-testkit';
import {
  Execution,
  ExecutionStatus,
  ServerStatus,
  WaveStatus,
} from '@drs-orchestration/plugin-drs-common';
import { CUT_OFF_AGO_MS, RECOVERY_SHARE } from './settings';
import { automationDocuments, drawWaveSteps, StepPlan } from './steps';

export const WAVE_NAMES = ['db', 'app', 'web'];
/** Where the servers' EC2 instances ran before a recovery, and where recoveries fail back to. */
export const ORIGIN_REGION = 'us-west-2';
const SERVERS_PER_WAVE = 2;

/** What a person does to an execution during the run, through the plugin's API. */
export type RequestPlan =
  /** Cancel as soon as this wave is seen running. */
  | { kind: 'cancel-while-running'; wave: number }
  /** The plan pauses before this wave; resume it when seen PAUSED. */
  | { kind: 'resume'; wave: number }
  /** The plan pauses before this wave; cancel it when seen PAUSED. */
  | { kind: 'cancel-while-paused'; wave: number }
  /** The wave's first step hangs in SSM; cancel while it runs: the engine must stop it. */
  | { kind: 'cancel-during-automation'; wave: number };

/** A server that DRS fails, at launch or in cleanup: its wave fails after its launch. */
export interface ServerFailure {
  wave: number;
  hostname: string;
  phase: FailurePhase;
}

/** A step of the wave whose automation fails (onFailure `fail`), the last of its phase. */
export interface StepFailure {
  wave: number;
  step: 'before' | 'after';
}

export const isStepFailure = (
  failure: ServerFailure | StepFailure | undefined,
): failure is StepFailure => failure !== undefined && 'step' in failure;

/** The hostname of the server DRS fails, if the plan has one. */
export const failingHostname = (plan: ExecutionPlan) =>
  plan.failure && !isStepFailure(plan.failure)
    ? plan.failure.hostname
    : undefined;

export interface ExecutionPlan {
  name: string;
  waves: {
    name: string;
    hostnames: string[];
    pauseBefore: boolean;
    before: StepPlan[];
    after: StepPlan[];
  }[];
  /** The one server that DRS fails or the one step that fails, if any: its wave fails, and the execution with it. */
  failure?: ServerFailure | StepFailure;
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

function drawFailure(
  dice: Dice,
  hostnames: string[][],
): ServerFailure | StepFailure | undefined {
  const roll = dice.next();
  if (roll >= 0.4) return undefined;
  const wave = dice.int(0, hostnames.length - 1);
  if (roll >= 0.3) return { wave, step: dice.chance(0.5) ? 'before' : 'after' };
  return {
    wave,
    hostname: hostnames[wave][dice.int(0, SERVERS_PER_WAVE - 1)],
    phase: roll < 0.15 ? 'launch' : 'cleanup',
  };
}

function drawRequest(dice: Dice, waveCount: number): RequestPlan | undefined {
  const roll = dice.next();
  if (roll < 0.2) {
    return { kind: 'cancel-while-running', wave: dice.int(0, waveCount - 1) };
  }
  if (roll < 0.48) {
    return {
      kind: roll < 0.4 ? 'resume' : 'cancel-while-paused',
      wave: dice.int(1, waveCount - 1),
    };
  }
  if (roll < 0.56) {
    return {
      kind: 'cancel-during-automation',
      wave: dice.int(0, waveCount - 1),
    };
  }
  return undefined;
}

/**
 * Draws the executions of one run: which server or step fails where, which execution gets a
 * cancel (while a wave runs, while it waits for approval, while an automation runs) or a pause
 * and resume, the steps around each wave, which is a recovery from a cut-off, and when each
 * starts.
 */
export function planExecutions(
  dice: Dice,
  options: { count: number; startWindowMs: number },
): ExecutionPlan[] {
  return Array.from({ length: options.count }, (_, index) => {
    const name = `chaos-${String(index).padStart(2, '0')}`;
    const hostnames = WAVE_NAMES.map(wave =>
      Array.from(
        { length: SERVERS_PER_WAVE },
        (__, n) => `${name}-${wave}-${n + 1}`,
      ),
    );
    const failure = drawFailure(dice, hostnames);
    const request = drawRequest(dice, WAVE_NAMES.length);
    const waves = WAVE_NAMES.map((wave, i) => ({
      name: wave,
      hostnames: hostnames[i],
      pauseBefore:
        request?.wave === i &&
        (request.kind === 'resume' || request.kind === 'cancel-while-paused'),
      ...drawWaveSteps(dice, {
        failingPhase:
          isStepFailure(failure) && failure.wave === i
            ? failure.step
            : undefined,
        holdForCancel:
          request?.kind === 'cancel-during-automation' && request.wave === i,
      }),
    }));
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

/**
 * The simulator's inventory: every planned server, the failing ones with their `failAt`, and
 * the runbooks of the steps.
 */
export function inventoryOf(plans: ExecutionPlan[]) {
  return {
    automationDocuments: automationDocuments(),
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
              // EC2 instances of the origin region: a completed recovery can fail back.
              origin: { region: ORIGIN_REGION },
              ...(failingHostname(plan) === hostname
                ? { failAt: (plan.failure as ServerFailure).phase }
                : {}),
            })),
          ),
        ),
      },
      // DRS initialized in the origin region, where reversed servers appear and fail back.
      { accountId: TEST_ACCOUNT_ID, region: ORIGIN_REGION, sourceServers: [] },
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
  /** The version a cancel was accepted in, if one was. */
  cancelled?: Execution;
}

/**
 * The terminal state the injected faults and the requests imply. An accepted cancel always ends
 * CANCELLED, with exactly the waves whose launch intent it was accepted beside launched;
 * otherwise the first failing wave fails the execution and no later wave starts (a wave whose
 * before step fails is not launched).
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
        wave.launchIntentAt === undefined ? [] : [i],
      ),
      cancelled,
    };
  }
  const { failure } = plan;
  const lastWave =
    failure?.wave === undefined
      ? plan.waves.length - 1
      : failure.wave -
        (isStepFailure(failure) && failure.step === 'before' ? 1 : 0);
  return {
    status: failure ? 'FAILED' : 'COMPLETED',
    launchedWaves: plan.waves.slice(0, lastWave + 1).map((_, i) => i),
  };
}

/**
 * What a wave may end as. A cancel may land before or after a step ends: a launched wave with
 * after steps then ends COMPLETED or CANCELLED, and a wave whose step fails FAILED or CANCELLED.
 */
export function expectedWaveStatuses(
  plan: ExecutionPlan,
  waveIndex: number,
  launched: boolean,
  cancelled: boolean,
): WaveStatus[] {
  const failure = plan.failure?.wave === waveIndex ? plan.failure : undefined;
  const stepFailure = isStepFailure(failure) ? failure : undefined;
  if (!launched) {
    // Only a wave whose before step failed fails without a launch.
    if (stepFailure?.step !== 'before') return ['CANCELLED'];
    return cancelled ? ['FAILED', 'CANCELLED'] : ['FAILED'];
  }
  if (failure && !stepFailure) return ['FAILED'];
  if (!cancelled) return failure ? ['FAILED'] : ['COMPLETED'];
  if (failure) return ['FAILED', 'CANCELLED'];
  return plan.waves[waveIndex].after.length > 0
    ? ['COMPLETED', 'CANCELLED']
    : ['COMPLETED'];
}

export function expectedServerStatuses(
  plan: ExecutionPlan,
  hostname: string | undefined,
  launched: boolean,
): ServerStatus[] {
  if (!launched) return ['NOT_STARTED'];
  if (failingHostname(plan) === hostname) return ['FAILED'];
  return ['LAUNCHED', 'HEALTHY'];
}
