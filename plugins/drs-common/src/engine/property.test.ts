/*
 * Random runs of the engine against an adversarial but plausible DRS, SSM and EC2, with the
 * plumbing sometimes crashing between a command and its record, or losing a call's answer.
 * Seeded, so every failure replays.
 */
import { Dice } from '@drs-orchestration/drs-simulator';
import {
  DrsLaunchStatus,
  isStepEnded,
  isTerminalExecutionStatus,
} from '../statuses';
import { Execution } from '../executionTypes';
import { PlanStep, StepPhase } from '../stepTypes';
import { DRS_ENGINE_PRINCIPAL } from './cleanup';
import { decide } from './decide';
import { observationNeeds } from './needs';
import { deepEqual } from './plainData';
import {
  DEFAULT_LAUNCH_LEASE_SECONDS,
  InstanceStatusObservation,
  StartAutomationCommand,
} from './types';
import {
  recordTerminateStarted,
  recordWaveLaunchRejected,
  recordWaveLaunched,
} from './records';
import { recordAutomationStart } from './stepRecords';
import {
  ExecutionRequestError,
  requestCancel,
  requestResume,
  requestTerminate,
} from './requests';
import { isStopping, stepsOf } from './stepState';
import {
  LEGAL_DRILL_CLEANUP_TRANSITIONS,
  LEGAL_EXECUTION_TRANSITIONS,
  LEGAL_SERVER_TRANSITIONS,
  LEGAL_STEP_TRANSITIONS,
  LEGAL_WAVE_TRANSITIONS,
  assertLegalTransitions,
} from './transitions';
import { wavesAwaitingApproval } from './waves';
import {
  Decision,
  DrsJobObservation,
  DrsObservations,
  NOTIFIED_EXECUTION_STATUSES,
  StatusTransition,
} from './types';
import {
  SETTINGS,
  T0,
  WaveSpec,
  at,
  deepFreeze,
  makeExecution,
} from './__testUtils__/fixtures';
import { SsmModel } from './__testUtils__/ssm';

function randomDependencies(
  dice: Dice,
  earlier: string[],
  fanOut: boolean,
): string[] {
  if (earlier.length === 0) return [];
  if (fanOut) return [earlier[0]];
  // Explicit dependencies on earlier waves make parallel waves; none means "the wave before".
  if (!dice.chance(0.5)) return [];
  return [
    ...new Set([dice.pick(earlier), ...earlier.filter(() => dice.chance(0.3))]),
  ];
}

function randomStep(dice: Dice, phase: StepPhase, name: string): PlanStep {
  const base = {
    name,
    onFailure: dice.chance(0.7) ? 'fail' : 'continue',
  } as const;
  const roll = dice.next();
  if (roll < 0.45) {
    const receivesInstanceIds = phase === 'after' && dice.chance(0.4);
    return {
      ...base,
      type: 'automation',
      timeoutSeconds: 60 * dice.int(3, 15),
      documentName: 'AWS-RestartEC2Instance',
      parameters: { Comment: ['drill'] },
      ...(receivesInstanceIds ? { instanceIdsParameter: 'InstanceIds' } : {}),
    };
  }
  const timeoutSeconds = 60 * dice.int(2, 15);
  if (roll < 0.75) return { ...base, type: 'approval', timeoutSeconds };
  const seconds = dice.int(20, 200);
  const longer = dice.chance(0.5);
  return {
    ...base,
    type: 'wait',
    seconds,
    ...(longer ? { timeoutSeconds: seconds + dice.int(0, 60) } : {}),
  };
}

function randomSteps(dice: Dice, phase: StepPhase): PlanStep[] | undefined {
  if (dice.chance(0.55)) return undefined;
  return Array.from({ length: dice.int(1, 2) }, (_, i) =>
    randomStep(dice, phase, `${phase}-${i}`),
  );
}

function randomExecution(dice: Dice): Execution {
  const specs: WaveSpec[] = [];
  const waveCount = 1 + dice.int(0, 3);
  // Waves that all wait for the first one: the shape where pauses and parallel runs meet.
  const fanOut = dice.chance(0.3);
  for (let i = 0; i < waveCount; i++) {
    // The first wave of a fan-out is plain, so that runs often reach the parallel ones.
    const plain = fanOut && i === 0;
    specs.push({
      name: `w${i}`,
      servers: Array.from(
        { length: 1 + dice.int(0, 2) },
        (_, j) => `s-${i}-${j}`,
      ),
      waitFor: plain ? 'LAUNCHED' : dice.pick(['LAUNCHED', 'HEALTHY'] as const),
      pauseBefore: dice.chance(0.25),
      dependsOn: randomDependencies(
        dice,
        specs.map(spec => spec.name),
        fanOut,
      ),
      before: plain ? undefined : randomSteps(dice, 'before'),
      after: plain ? undefined : randomSteps(dice, 'after'),
      healthTimeoutSeconds: 60 * dice.int(3, 15),
    });
  }
  const timeoutSeconds = dice.chance(0.05) ? 1 : 60 * (5 + dice.int(0, 39));
  const mode = dice.pick(['DRILL', 'RECOVERY'] as const);
  // A recovery with a cleanup too: the engine must never act on it.
  const keepAliveSeconds = dice.chance(0.3) ? 0 : 60 * dice.int(1, 15);
  const execution = makeExecution(specs, {
    mode,
    timeoutAt: at(timeoutSeconds).toISOString(),
    ...(dice.chance(mode === 'DRILL' ? 0.6 : 0.1)
      ? { drillCleanup: { keepAliveSeconds, status: 'WAITING' as const } }
      : {}),
  });
  // A recovery from a cut-off: the start chose a snapshot for the servers that have one.
  if (execution.mode === 'RECOVERY' && dice.chance(0.5)) {
    for (const server of execution.waves.flatMap(wave => wave.servers)) {
      if (dice.chance(0.8)) {
        server.recoverySnapshotId = `pit-${server.sourceServerId}`;
        server.pointInTimeAt = at(-3600).toISOString();
      }
    }
  }
  return execution;
}

/** What DRS says an instance was launched from: usually a time, sometimes none or a bogus one. */
function randomPointInTime(dice: Dice, now: Date): string | undefined {
  const roll = dice.next();
  if (roll < 0.15) return undefined;
  if (roll < 0.2) return '1970-01-01T00:00:00.000Z';
  // Mostly before the launch; now and then after it, as a skewed clock would say.
  return new Date(
    now.getTime() + dice.between(-7200, roll < 0.3 ? 600 : 0) * 1000,
  ).toISOString();
}

const TERMINATE_LAUNCH_STATUSES: readonly DrsLaunchStatus[] = [
  'TERMINATED',
  'TERMINATED',
  'TERMINATED',
  'FAILED',
];
const NOT_LAUNCHED: readonly (DrsLaunchStatus | undefined)[] = [
  undefined,
  'PENDING',
  'IN_PROGRESS',
  'FAILED',
  'TERMINATED',
];

/** How a run's DRS and people behave: slow or fast jobs, flaky or sound launches, rare or frequent cancels. */
interface Temper {
  jobCompletion: number;
  launchFailure: number;
  cancel: number;
}

function randomLaunchStatus(
  dice: Dice,
  temper: Temper,
  jobCompleted: boolean,
): DrsLaunchStatus | undefined {
  if (dice.chance(temper.launchFailure)) return dice.pick(NOT_LAUNCHED);
  return jobCompleted || dice.chance(0.5)
    ? 'LAUNCHED'
    : dice.pick(['PENDING', 'IN_PROGRESS'] as const);
}

function randomJob(
  dice: Dice,
  temper: Temper,
  execution: Execution,
  jobId: string,
): DrsJobObservation {
  const isTerminateJob = execution.requests.terminate?.jobId === jobId;
  const servers = isTerminateJob
    ? execution.waves
        .flatMap(wave => wave.servers)
        .filter(server => server.recoveryInstanceId)
    : execution.waves.find(wave => wave.jobId === jobId)?.servers ?? [];
  const status = dice.chance(temper.jobCompletion)
    ? 'COMPLETED'
    : dice.pick(['PENDING', 'STARTED'] as const);
  const participatingServers = servers
    .filter(() => !dice.chance(0.03))
    .map(server => ({
      sourceServerId: server.sourceServerId,
      launchStatus: isTerminateJob
        ? dice.pick(TERMINATE_LAUNCH_STATUSES)
        : randomLaunchStatus(dice, temper, status === 'COMPLETED'),
      recoveryInstanceId: dice.chance(0.7)
        ? `ri-${server.sourceServerId}`
        : undefined,
    }));
  return {
    jobId,
    status,
    participatingServers,
    log: dice.chance(0.5)
      ? participatingServers
          .filter(server => server.launchStatus === 'FAILED')
          .map(server => ({
            event: 'LAUNCH_FAILED',
            at: T0.toISOString(),
            sourceServerId: server.sourceServerId,
            detail: 'boom',
          }))
      : undefined,
  };
}

const CHECKS = [
  ['ok', 'ok'],
  ['ok', 'ok'],
  ['ok', 'ok'],
  ['ok', 'ok'],
  ['initializing', 'ok'],
  ['impaired', 'ok'],
  ['ok', 'impaired'],
  ['insufficient-data', 'initializing'],
] as const;

/**
 * EC2's checks of the instances asked for; often also of the instances DRS reported this
 * cycle (a plumbing that asks at once), and now and then of every server's instance (a
 * careless one).
 */
function randomStatuses(
  dice: Dice,
  execution: Execution,
  asked: string[],
  observations: DrsObservations,
): Record<string, InstanceStatusObservation> {
  const justSeen = Object.values(
    observations.recoveryInstancesBySourceServer,
  ).flatMap(instance =>
    instance.ec2InstanceId ? [instance.ec2InstanceId] : [],
  );
  const everyServer = execution.waves.flatMap(wave =>
    wave.servers.map(server => `i-${server.sourceServerId}`),
  );
  const ids = new Set([
    ...asked,
    ...(dice.chance(0.3) ? justSeen : []),
    ...(dice.chance(0.05) ? everyServer : []),
  ]);
  const statuses: Record<string, InstanceStatusObservation> = {};
  for (const ec2InstanceId of ids) {
    if (dice.chance(0.3)) continue;
    const [instanceStatus, systemStatus] = dice.pick(CHECKS);
    statuses[ec2InstanceId] = { ec2InstanceId, instanceStatus, systemStatus };
  }
  return statuses;
}

function randomObservations(
  dice: Dice,
  temper: Temper,
  execution: Execution,
  now: Date,
  ssm: SsmModel,
): DrsObservations {
  if (dice.chance(0.08)) {
    return {
      jobs: {},
      recoveryInstancesBySourceServer: {},
      error: 'ThrottlingException',
    };
  }
  const needs = observationNeeds(execution);
  const observations: DrsObservations = {
    jobs: {},
    recoveryInstancesBySourceServer: {},
  };
  for (const jobId of needs.jobIds) {
    if (!dice.chance(0.15))
      observations.jobs[jobId] = randomJob(dice, temper, execution, jobId);
  }
  for (const sourceServerId of needs.sourceServerIdsNeedingInstances) {
    if (dice.chance(0.3)) continue;
    observations.recoveryInstancesBySourceServer[sourceServerId] = {
      recoveryInstanceId: dice.chance(0.85)
        ? `ri-${sourceServerId}`
        : `ri-old-${sourceServerId}`,
      sourceServerId,
      ec2InstanceId: `i-${sourceServerId}`,
      ec2InstanceState: dice.pick(['PENDING', 'RUNNING', 'RUNNING', 'STOPPED']),
      pointInTimeAt: randomPointInTime(dice, now),
    };
  }
  observations.automationExecutions = {};
  for (const id of needs.automationExecutionIds) {
    const observed = dice.chance(0.85) ? ssm.observe(id) : undefined;
    if (observed) observations.automationExecutions[id] = observed;
  }
  observations.instanceStatuses = randomStatuses(
    dice,
    execution,
    needs.ec2InstanceIdsNeedingStatus,
    observations,
  );
  return observations;
}

/** Every timestamp the engine wrote; a point in time is DRS's, and older than the run. */
function timestamps(value: unknown): string[] {
  if (typeof value === 'string')
    return /^\d{4}-\d\d-\d\dT/.test(value) ? [value] : [];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([field, inner]) =>
      field === 'pointInTimeAt' ? [] : timestamps(inner),
    );
  return [];
}

/** A plain check: jest's expect is too slow for tens of thousands of steps. */
function invariant(holds: boolean, message: string) {
  if (!holds) throw new Error(message);
}

/** Checks every invariant of one decide. */
function checkDecision(
  before: Execution,
  decision: Decision,
  observations: DrsObservations,
) {
  const after = decision.execution;
  const transitions = assertLegalTransitions(before, after);
  invariant(
    deepEqual(decision.transitions, transitions),
    'decision.transitions lists the status changes',
  );

  const startWaves = decision.commands.flatMap(c =>
    c.type === 'START_WAVE' ? [c] : [],
  );
  invariant(
    new Set(startWaves.map(c => c.waveIndex)).size === startWaves.length,
    'one START_WAVE per wave and cycle',
  );
  for (const { waveIndex, adoptExisting, mayLaunch } of startWaves) {
    const previous = before.waves[waveIndex];
    const leaseOver =
      Date.parse(after.polling.lastPolledAt ?? '') -
        Date.parse(previous.launchIntentAt ?? '') >=
      DEFAULT_LAUNCH_LEASE_SECONDS * 1000;
    invariant(
      mayLaunch === (!adoptExisting || leaseOver),
      'StartRecovery again only once the launch lease of the intent is over',
    );
    invariant(
      previous.jobId === undefined,
      `START_WAVE for wave ${previous.name}, which has job ${previous.jobId}`,
    );
    invariant(
      adoptExisting === (previous.launchIntentAt !== undefined),
      'adoptExisting exactly when an earlier cycle wrote the intent',
    );
    invariant(
      after.waves[waveIndex].status === 'STARTED' &&
        !!after.waves[waveIndex].launchIntentAt,
      'a started wave has its intent',
    );
  }
  before.waves.forEach((wave, i) => {
    invariant(
      !wave.jobId || after.waves[i].jobId === wave.jobId,
      `wave ${wave.name} kept its job`,
    );
  });
  checkPointsInTime(before, after, startWaves);
  checkSteps(before, decision);
  checkHealthAndCleanup(before, decision);

  if (isTerminalExecutionStatus(before.status))
    invariant(
      after.status === before.status,
      'a finished execution stays finished',
    );
  if (isTerminalExecutionStatus(after.status)) {
    invariant(after.endedAt !== undefined, `${after.status} without endedAt`);
    invariant(
      after.waves.every(wave => wave.status !== 'STARTED'),
      `${after.status} with a wave still STARTED`,
    );
  }
  const notified = decision.commands.flatMap(c =>
    c.type === 'NOTIFY' ? [c.event] : [],
  );
  const expected =
    after.status !== before.status &&
    (NOTIFIED_EXECUTION_STATUSES as readonly string[]).includes(after.status)
      ? [after.status]
      : [];
  invariant(
    deepEqual(notified, expected),
    `notified ${notified} on ${before.status} → ${after.status}`,
  );

  if (observations.error)
    invariant(
      deepEqual(after.waves, before.waves),
      'an observation error changes no wave',
    );
  const samePersistedState = deepEqual(
    { ...after, polling: null },
    { ...before, polling: null },
  );
  invariant(
    decision.changed === !samePersistedState,
    'changed says whether more than polling changed',
  );
  for (const time of timestamps(after))
    invariant(
      Date.parse(time) >= T0.getTime(),
      `timestamp ${time} before the run began`,
    );
}

/**
 * StartRecovery names exactly the snapshots the start recorded, which never change; a
 * server's data loss is measured only once it launched and while it has not failed, from a
 * real point in time, and is never negative.
 */
function checkPointsInTime(
  before: Execution,
  after: Execution,
  startWaves: Extract<Decision['commands'][number], { type: 'START_WAVE' }>[],
) {
  for (const command of startWaves) {
    const recorded = Object.fromEntries(
      before.waves[command.waveIndex].servers.flatMap(server =>
        server.recoverySnapshotId
          ? [[server.sourceServerId, server.recoverySnapshotId]]
          : [],
      ),
    );
    invariant(
      deepEqual(command.recoverySnapshotIds ?? {}, recorded),
      'START_WAVE names the snapshots recorded for the wave',
    );
  }
  const servers = after.waves.flatMap(wave => wave.servers);
  before.waves
    .flatMap(wave => wave.servers)
    .forEach((server, i) =>
      invariant(
        servers[i].recoverySnapshotId === server.recoverySnapshotId,
        `server ${server.sourceServerId} kept its chosen snapshot`,
      ),
    );
  for (const server of servers) {
    if (server.dataLossSeconds === undefined) continue;
    const lost =
      (Date.parse(server.launchedAt ?? '') -
        Date.parse(server.pointInTimeAt ?? '')) /
      1000;
    invariant(
      server.status !== 'FAILED' &&
        Date.parse(server.pointInTimeAt ?? '') > 0 &&
        server.dataLossSeconds === Math.max(0, Math.ceil(lost)),
      `server ${server.sourceServerId} (${server.status}) lost ${server.dataLossSeconds} s between ${server.pointInTimeAt} and ${server.launchedAt}`,
    );
  }
}

/** Checks one START_AUTOMATION against what the decision recorded. */
function checkStart(
  before: Execution,
  after: Execution,
  command: StartAutomationCommand,
) {
  const step = stepsOf(after.waves[command.waveIndex])[command.stepIndex];
  const earlier = stepsOf(before.waves[command.waveIndex])[command.stepIndex];
  invariant(
    step.type === 'automation' &&
      step.status === 'RUNNING' &&
      step.automationExecutionId === undefined,
    'START_AUTOMATION only for a running step whose automation is not recorded',
  );
  if (step.type !== 'automation') return;
  invariant(
    command.clientToken === step.clientToken &&
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(
        command.clientToken,
      ),
    'START_AUTOMATION sends the recorded token, a UUID',
  );
  invariant(
    command.adoptExisting ===
      (earlier.type === 'automation' && earlier.intentAt !== undefined),
    'adoptExisting exactly when an earlier decision wrote the intent',
  );
  invariant(
    after.waves[command.waveIndex].status === 'STARTED',
    'never an automation for a wave that is not running',
  );
  invariant(
    command.adoptExisting || !before.requests.cancel,
    'never a new automation once a cancel was requested',
  );
  const parameters = {
    ...step.parameters,
    ...(step.instanceIdsParameter
      ? { [step.instanceIdsParameter]: step.instanceIds }
      : {}),
  };
  invariant(
    deepEqual(command.parameters, parameters),
    'START_AUTOMATION sends the parameters fixed at the intent',
  );
}

/** Steps keep their intent, token and automation once written; SSM calls match what is recorded. */
function checkSteps(before: Execution, decision: Decision) {
  const after = decision.execution;
  before.waves.forEach((wave, i) =>
    stepsOf(wave).forEach((step, j) => {
      const next = stepsOf(after.waves[i])[j];
      if (step.type !== 'automation' || next.type !== 'automation') return;
      for (const field of [
        'intentAt',
        'clientToken',
        'automationExecutionId',
        'instanceIds',
      ] as const) {
        invariant(
          step[field] === undefined || deepEqual(step[field], next[field]),
          `step ${step.name} kept its ${field}`,
        );
      }
    }),
  );
  const starts = decision.commands.flatMap(c =>
    c.type === 'START_AUTOMATION' ? [c] : [],
  );
  invariant(
    new Set(starts.map(c => `${c.waveIndex}/${c.stepIndex}`)).size ===
      starts.length,
    'one START_AUTOMATION per step and cycle',
  );
  starts.forEach(command => checkStart(before, after, command));
  for (const command of decision.commands) {
    if (command.type !== 'STOP_AUTOMATION') continue;
    const step = stepsOf(after.waves[command.waveIndex])[command.stepIndex];
    invariant(
      isStopping(step) &&
        step.automationExecutionId === command.automationExecutionId,
      'STOP_AUTOMATION only of an automation being stopped',
    );
  }
  if (isTerminalExecutionStatus(after.status)) {
    invariant(
      after.waves.every(wave =>
        stepsOf(wave).every(step => step.status !== 'RUNNING'),
      ),
      'a finished execution has no running step',
    );
  }
}

/** A wave completes only when recovered with every step done; health is both checks ok; a cleanup only for a drill. */
function checkHealthAndCleanup(before: Execution, decision: Decision) {
  const after = decision.execution;
  after.waves.forEach((wave, i) => {
    if (wave.status !== 'COMPLETED' || before.waves[i].status === 'COMPLETED')
      return;
    invariant(
      wave.recoveredAt !== undefined &&
        stepsOf(wave).every(
          step =>
            isStepEnded(step.status) &&
            step.status !== 'CANCELLED' &&
            step.status !== 'SKIPPED' &&
            (step.onFailure === 'continue' || step.status === 'SUCCEEDED'),
        ) &&
        (wave.waitFor === 'LAUNCHED' ||
          wave.servers.every(server => server.status === 'HEALTHY')),
      `wave ${wave.name} completed before it was done`,
    );
  });
  const beforeServers = before.waves.flatMap(wave => wave.servers);
  after.waves
    .flatMap(wave => wave.servers)
    .forEach((server, i) => {
      if (server.status !== 'HEALTHY' || beforeServers[i].status === 'HEALTHY')
        return;
      invariant(
        server.statusChecks?.instance === 'ok' &&
          server.statusChecks.system === 'ok',
        `server ${server.sourceServerId} healthy without both checks ok`,
      );
    });
  const now = Date.parse(after.polling.lastPolledAt!);
  invariant(
    decision.wakeAt === undefined || Date.parse(decision.wakeAt) > now,
    'wakeAt lies ahead',
  );
  if (after.mode === 'RECOVERY') {
    invariant(
      after.requests.terminate?.by !== DRS_ENGINE_PRINCIPAL &&
        after.drillCleanup?.status !== 'REQUESTED',
      'never a cleanup of a recovery',
    );
  }
  if (after.drillCleanup?.status === 'REQUESTED') {
    invariant(
      after.requests.terminate !== undefined,
      'a requested cleanup has its terminate request',
    );
  }
}

const PEOPLE = ['user:default/ana', 'user:default/bo'];

function maybeRequest(
  dice: Dice,
  temper: Temper,
  execution: Execution,
  now: Date,
): Execution {
  try {
    // A paused execution is one people look at: they cancel it more often.
    if (
      dice.chance(
        execution.status === 'PAUSED' ? 3 * temper.cancel : temper.cancel,
      )
    )
      return requestCancel(execution, dice.pick(PEOPLE), now);
    if (execution.status === 'PAUSED' && dice.chance(0.3)) {
      const awaiting = wavesAwaitingApproval(execution);
      const name =
        awaiting.length > 0 && dice.chance(0.8)
          ? dice.pick(awaiting).name
          : dice.pick([...execution.waves.map(w => w.name), 'nonexistent']);
      return requestResume(execution, name, dice.pick(PEOPLE), now);
    }
    if (dice.chance(isTerminalExecutionStatus(execution.status) ? 0.3 : 0.03)) {
      return requestTerminate(execution, dice.pick(PEOPLE), now);
    }
  } catch (error) {
    if (!(error instanceof ExecutionRequestError)) throw error;
  }
  return execution;
}

/**
 * What the plumbing does with an automation command: SSM starts it (or answers with the one
 * it has for the token) and the ID is recorded; SSM refuses it; SSM starts it but the answer is
 * lost; or the plumbing crashes before the call.
 */
function actOnAutomation(
  roll: number,
  execution: Execution,
  command: Decision['commands'][number],
  now: Date,
  ssm: SsmModel,
): Execution {
  if (command.type === 'STOP_AUTOMATION') {
    if (roll < 0.8) ssm.stop(command.automationExecutionId);
    return execution;
  }
  if (command.type !== 'START_AUTOMATION') return execution;
  const { clientToken } = command;
  if (roll < 0.65 || (roll < 0.7 && ssm.has(clientToken))) {
    const id = ssm.start(clientToken);
    return recordAutomationStart(
      execution,
      command,
      { automationExecutionId: id },
      now,
    );
  }
  if (roll < 0.7) {
    return recordAutomationStart(
      execution,
      command,
      { refusedBecause: 'AutomationDefinitionNotFoundException' },
      now,
    );
  }
  if (roll < 0.8) ssm.start(clientToken);
  return execution;
}

/** What the plumbing does with the commands: record results, or crash before recording them. */
function actOn(
  dice: Dice,
  decision: Decision,
  now: Date,
  nextJobId: () => string,
  ssm: SsmModel,
): Execution {
  let execution = decision.execution;
  for (const command of decision.commands) {
    const roll = dice.next();
    execution = actOnAutomation(roll, execution, command, now, ssm);
    if (command.type === 'START_WAVE' && roll < 0.75) {
      execution = recordWaveLaunched(
        execution,
        command.waveIndex,
        nextJobId(),
        now,
      );
    } else if (command.type === 'START_WAVE' && roll < 0.79) {
      execution = recordWaveLaunchRejected(
        execution,
        command.waveIndex,
        'ValidationException',
        now,
      );
    } else if (command.type === 'TERMINATE_RECOVERY_INSTANCES' && roll < 0.8) {
      execution = recordTerminateStarted(execution, nextJobId(), now);
    }
  }
  return execution;
}

function run(seed: number, seen: Set<string>) {
  const dice = new Dice(seed);
  let execution = randomExecution(dice);
  const temper: Temper = {
    jobCompletion: dice.pick([0.1, 0.3, 0.6]),
    launchFailure: dice.pick([0, 0.03, 0.2]),
    cancel: dice.pick([0, 0.05, 0.15]),
  };
  let jobCounter = 0;
  const nextJobId = () => `job-${seed}-${jobCounter++}`;
  const ssm = new SsmModel(dice, `auto-${seed}`);
  const tokens = new Map<string, string>();
  let seconds = 0;
  for (let cycle = 0; cycle < 60; cycle++) {
    seconds += 10 + dice.int(0, 79);
    const now = at(seconds);
    ssm.advance(now);
    const requested = maybeRequest(dice, temper, deepFreeze(execution), now);
    const observations = randomObservations(dice, temper, requested, now, ssm);
    const snapshot = JSON.stringify(requested);
    const decision = decide(deepFreeze(requested), observations, now, SETTINGS);
    invariant(
      JSON.stringify(requested) === snapshot,
      'decide left its input untouched',
    );
    checkDecision(requested, decision, observations);
    for (const command of decision.commands) {
      if (command.type !== 'START_AUTOMATION') continue;
      const stepKey = `${command.waveIndex}/${command.stepIndex}`;
      invariant(
        (tokens.get(stepKey) ?? command.clientToken) === command.clientToken,
        `step ${stepKey} sent a second ClientToken`,
      );
      tokens.set(stepKey, command.clientToken);
    }
    const acted = actOn(dice, decision, now, nextJobId, ssm);
    for (const transition of [
      ...assertLegalTransitions(execution, requested),
      ...decision.transitions,
      ...assertLegalTransitions(decision.execution, acted),
    ]) {
      seen.add(key(transition));
    }
    execution = acted;
  }
}

function key(t: Pick<StatusTransition, 'scope' | 'from' | 'to'>): string {
  return `${t.scope} ${t.from} → ${t.to}`;
}

function tableKeys(
  scope: StatusTransition['scope'],
  table: Readonly<Record<string, readonly string[]>>,
): string[] {
  return Object.entries(table).flatMap(([from, tos]) =>
    tos.map(to => key({ scope, from, to })),
  );
}

describe('engine properties over random runs', () => {
  it('stays within the legal transitions, never mutates its input, never starts a wave that has a job, never sends a step two tokens, and reaches every legal transition', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 500; seed++) {
      try {
        run(seed, seen);
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).message}`);
      }
    }
    const legal = [
      ...tableKeys('execution', LEGAL_EXECUTION_TRANSITIONS),
      ...tableKeys('wave', LEGAL_WAVE_TRANSITIONS),
      ...tableKeys('server', LEGAL_SERVER_TRANSITIONS),
      ...tableKeys('step', LEGAL_STEP_TRANSITIONS),
      ...tableKeys('cleanup', LEGAL_DRILL_CLEANUP_TRANSITIONS),
    ];
    expect([...seen].sort()).toEqual(legal.sort());
  });
});
