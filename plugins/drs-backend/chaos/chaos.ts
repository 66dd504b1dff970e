/* eslint-disable no-console */
/**
 * Chaos test of the engine (npm run test:chaos:engines). Two engine processes race on the same
 * local DynamoDB tables and DRS simulator, which throttles 10 % and fails 5 % of calls; some
 * servers fail at launch, some in cleanup. Engines are SIGKILLed and restarted at random times
 * and inside StartRecovery (after the launch intent, before the job is recorded), or held there
 * a moment so the other engine races to adopt the launch. 50 executions
 * of 3 waves are started, cancelled, paused and resumed through the execution service; about
 * half of the drills get a terminate request once ended. Then: every execution ends in the state
 * its faults and requests imply, every started wave's servers were launched exactly once (the
 * simulator's launch log), every accepted request was honoured (a terminate by exactly one
 * TERMINATE job, with no instance left), nothing is left active or terminating. Exits 1 naming
 * each broken invariant with its evidence.
 *
 *   npm run test:chaos:engines              a random seed, printed
 *   CHAOS_SEED=42 npm run test:chaos:engines   the same plan, faults and kill decisions
 */
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { startSimulator } from '@drs-orchestration/drs-simulator';
import {
  DEFAULT_DRS_QUOTAS,
  Execution,
  isTerminalExecutionStatus,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import dynalite from 'dynalite';
import { mkdtempSync } from 'fs';
import { Server } from 'http';
import { AddressInfo } from 'net';
import os from 'os';
import { join } from 'path';
import { TEST_ACCOUNT_ID, TEST_REGION } from '../src/__testUtils__/localAws';
import { ensureTables } from '../src/services/DynamoStore/tables';
import {
  createExecutionService,
  ExecutionControl,
} from '../src/services/ExecutionService/createExecutionService';
import { Dice } from '@drs-orchestration/drs-simulator';
import { ChaosPolicy, EngineFleet, FleetStats } from './engineFleet';
import {
  countByStatus,
  Finding,
  findViolations,
  RunEvidence,
} from './invariants';
import {
  ExecutionPlan,
  inventoryOf,
  planExecutions,
  RequestOutcome,
  RequestPlan,
  WAVE_NAMES,
} from './scenario';
import { wireLocalAws } from './wiring';

const EXECUTIONS = 50;
/** DRS runs this many times faster than real: a launch job takes 2.2–2.8 s instead of 7–9 min. */
const DRS_SPEED = 200;
const ENGINE_NAMES = ['engine-a', 'engine-b'];
const ENGINE_CYCLE_MS = 250;
/** Executions are started at random times in this window, so they overlap in every phase. */
const START_WINDOW_MS = 40_000;
/** Kills stop here at the latest; one engine then finishes alone. */
const CHAOS_DEADLINE_MS = 150_000;
/** Anything still active now is stuck. */
const DEADLINE_MS = 240_000;
const WATCH_INTERVAL_MS = 150;
const REQUESTER = 'user:default/chaos';

const FAULTS = {
  throttleShare: 0.1,
  internalErrorShare: 0.05,
  // The job is created but the answer is a 500: the engine must adopt it, not launch again.
  internalErrorAfterCommitShare: 0.05,
  // Holds every call (StartRecovery too) long enough for a kill to land while it is in flight.
  latencyMs: 40,
  missingRecoveryInstanceIdShare: 0.1,
};

const CHAOS_POLICY: ChaosPolicy = {
  lifetimeMs: [1_500, 5_000],
  restartDelayMs: [100, 800],
  // Per StartRecovery; a cycle launches several waves, so these stay low enough for cycles to finish.
  killBeforeStartRecovery: 0.02,
  killDuringStartRecovery: 0.02,
  killDuringStartRecoveryAfterMs: [5, 35],
  killAfterJobCreated: 0.05,
  // Far shorter than a launch job (2.2 s here). Held longer than a whole job, a StartRecovery
  // would launch its wave a second time: the other engine relaunches an intent without a job at
  // once, and DRS no longer refuses the held call once that job has ended (a known engine issue).
  stallAtCheckpoint: 0.2,
  stallMs: [50, 400],
};

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const seed = Number(
  process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31),
);
const started = Date.now();
const elapsed = () => Date.now() - started;
let fleet: EngineFleet | undefined;

async function startLocalAws(plans: ExecutionPlan[]) {
  const dynamo: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>(resolve => dynamo.listen(0, '127.0.0.1', resolve));
  const simulator = await startSimulator({
    port: 0,
    inventory: inventoryOf(plans),
    speed: DRS_SPEED,
    seed,
    // Room for every execution at once: waiting for DRS capacity is the engine tests' case; here
    // it would only lengthen the run.
    quotas: {
      maxConcurrentJobs: 2 * EXECUTIONS,
      maxServersInActiveJobs: plans.flatMap(p =>
        p.waves.flatMap(w => w.hostnames),
      ).length,
    },
    faults: FAULTS,
  });
  const dynamodbEndpoint = `http://127.0.0.1:${
    (dynamo.address() as AddressInfo).port
  }`;
  const local = wireLocalAws({
    dynamodb: dynamodbEndpoint,
    drs: simulator.endpoint,
  });
  await ensureTables(local.dynamo, local.names, { create: true });
  return {
    ...local,
    simulator,
    dynamodbEndpoint,
    async stop() {
      await simulator.close();
      await new Promise(resolve => dynamo.close(resolve));
    },
  };
}

type LocalAws = Awaited<ReturnType<typeof startLocalAws>>;

async function createPlans(aws: LocalAws, plans: ExecutionPlan[]) {
  const ids = sourceServerIds(aws);
  const now = new Date().toISOString();
  for (const plan of plans) {
    const recoveryPlan: RecoveryPlan = {
      planId: plan.planId,
      entityRef: plan.entityRef,
      name: `chaos plan of ${plan.name}`,
      description: '',
      defaultMode: 'DRILL',
      timeoutMinutes: 60,
      waves: plan.waves.map(wave => ({
        name: wave.name,
        sourceServerIds: wave.hostnames.map(hostname => ids.get(hostname)!),
        waitFor: 'LAUNCHED',
        pauseBefore: wave.pauseBefore,
        dependsOn: [],
      })),
      createdAt: now,
      createdBy: REQUESTER,
      updatedAt: now,
      updatedBy: REQUESTER,
      version: 1,
    };
    await aws.plans.create(recoveryPlan);
  }
}

function sourceServerIds(aws: LocalAws): Map<string, string> {
  return new Map(
    aws.simulator
      .state()
      .accounts.flatMap(account =>
        account.sourceServers.map(s => [s.hostname, s.sourceServerID]),
      ),
  );
}

/** Drives the executions as their owners would: start, then cancel or resume when the time comes. */
function createOperator(aws: LocalAws, dice: Dice) {
  const ids = sourceServerIds(aws);
  const service = createExecutionService({
    plans: aws.plans,
    executions: aws.executions,
    gateway: aws.gateway,
    quotas: DEFAULT_DRS_QUOTAS,
    triggerEngine: async () => {},
  });

  async function start(plan: ExecutionPlan): Promise<string> {
    const entity = {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: plan.name },
      },
      entityRef: plan.entityRef,
      location: { accountId: TEST_ACCOUNT_ID, region: TEST_REGION },
      selector: {
        kind: 'ids' as const,
        ids: plan.waves.flatMap(w => w.hostnames.map(h => ids.get(h)!)),
      },
    };
    for (;;) {
      try {
        const { execution } = await service.start(entity, {
          planId: plan.planId,
          mode: 'DRILL',
          by: REQUESTER,
          // A retry after DRS failed the pre-flight must not start a second execution.
          idempotencyKey: plan.name,
        });
        return execution.executionId;
      } catch (error) {
        if (!(error instanceof ServiceUnavailableError)) throw error;
        await sleep(100);
      }
    }
  }

  function isDue(plan: ExecutionPlan, execution: Execution): boolean {
    const request = plan.request!;
    return request.kind === 'cancel-while-running'
      ? execution.waves[request.wave].status === 'STARTED'
      : execution.status === 'PAUSED';
  }

  /** Polls the execution until `turn` says go or give up; past the deadline, gives up. */
  async function waitForTurn(
    executionId: string,
    turn: (execution: Execution) => 'go' | 'give up' | 'wait',
  ): Promise<boolean> {
    for (;;) {
      const verdict = turn(await aws.executions.get(executionId));
      if (verdict !== 'wait') return verdict === 'go';
      if (elapsed() > DEADLINE_MS) return false;
      await sleep(WATCH_INTERVAL_MS);
    }
  }

  /**
   * Makes the request after a person's moment, again after lost write races (the service
   * retries them a few times; a person asks again after that), until it is accepted or
   * `hopeless` says a refusal is final.
   */
  async function send(
    executionId: string,
    control: ExecutionControl,
    hopeless: (refusal: string, statusThen: Execution['status']) => boolean,
  ): Promise<RequestOutcome> {
    await sleep(dice.between(0, 600));
    for (;;) {
      try {
        const accepted = await service.control(executionId, control, REQUESTER);
        return { sent: true, accepted };
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const { status } = await aws.executions.get(executionId);
        if (hopeless(error.message, status) || elapsed() > DEADLINE_MS) {
          return { sent: true, refused: error.message, statusThen: status };
        }
        await sleep(50);
      }
    }
  }

  /** Waits until the plan's request is due, then makes it until it is accepted or the execution has ended. */
  async function makeRequest(
    plan: ExecutionPlan,
    executionId: string,
  ): Promise<RequestOutcome> {
    const due = await waitForTurn(executionId, execution => {
      if (isTerminalExecutionStatus(execution.status)) return 'give up';
      return isDue(plan, execution) ? 'go' : 'wait';
    });
    if (!due) return { sent: false };
    const control: ExecutionControl =
      plan.request!.kind === 'resume'
        ? { action: 'resume', wave: WAVE_NAMES[plan.request!.wave] }
        : { action: 'cancel' };
    return send(executionId, control, (_, status) =>
      isTerminalExecutionStatus(status),
    );
  }

  /**
   * Once the drill has ended, asks to terminate its recovery instances until accepted or
   * refused because nothing was launched.
   */
  async function terminateWhenEnded(
    executionId: string,
  ): Promise<RequestOutcome> {
    const ended = await waitForTurn(executionId, execution =>
      isTerminalExecutionStatus(execution.status) ? 'go' : 'wait',
    );
    if (!ended) return { sent: false };
    return send(executionId, { action: 'terminate' }, refusal =>
      /no recovery instances/.test(refusal),
    );
  }

  return { start, makeRequest, terminateWhenEnded };
}

/** Polls until the condition holds or the deadline passes. */
async function waitFor(condition: () => Promise<boolean>, deadlineMs: number) {
  while (elapsed() < deadlineMs && !(await condition())) await sleep(500);
}

/**
 * The run itself: executions are started and requests made while the engines are killed; then
 * the kills stop and one engine goes on alone until nothing is active or the deadline passes.
 */
async function runUnderChaos(
  aws: LocalAws,
  plans: ExecutionPlan[],
  engines: EngineFleet,
) {
  const operator = createOperator(aws, new Dice(seed ^ 0x0bad5eed));
  const executionIds = new Map<string, string>();
  const requests = new Map<string, RequestOutcome>();
  const terminates = new Map<string, RequestOutcome>();
  engines.startChaos();
  engines.start();
  let operatorsDone = false;
  const operators = Promise.all(
    plans.map(async plan => {
      await sleep(plan.startAfterMs);
      const executionId = await operator.start(plan);
      executionIds.set(plan.name, executionId);
      requests.set(
        plan.name,
        plan.request
          ? await operator.makeRequest(plan, executionId)
          : { sent: false },
      );
      if (plan.terminateAfter) {
        terminates.set(
          plan.name,
          await operator.terminateWhenEnded(executionId),
        );
      }
    }),
  );
  // Settled either way; a failure is rethrown where the operators are awaited.
  operators.then(
    () => (operatorsDone = true),
    () => (operatorsDone = true),
  );
  // Done when nothing is active and no finished drill's instances are still being terminated.
  const settled = async () =>
    operatorsDone && (await aws.executions.listForEngine()).length === 0;

  await waitFor(settled, CHAOS_DEADLINE_MS);
  engines.stopChaos();
  await engines.reduceTo(1);
  await waitFor(settled, DEADLINE_MS);
  await operators;
  await engines.stop();
  return { executionIds, requests, terminates };
}

async function collectEvidence(
  aws: LocalAws,
  plans: ExecutionPlan[],
  run: Awaited<ReturnType<typeof runUnderChaos>>,
): Promise<RunEvidence> {
  const finals = new Map<string, Execution>();
  for (const executionId of run.executionIds.values()) {
    finals.set(executionId, await aws.executions.get(executionId));
  }
  const accounts = aws.simulator.state().accounts;
  const jobs = accounts.flatMap(a => a.jobs);
  return {
    plans,
    ...run,
    finals,
    sourceServerIds: sourceServerIds(aws),
    calls: aws.simulator.calls(),
    jobs: new Map(
      jobs.map(job => [
        job.jobID,
        {
          type: job.type,
          sourceServerIds: job.participatingServers.map(p => p.sourceServerID),
          recoveryInstanceIds: job.participatingServers.flatMap(p =>
            p.recoveryInstanceID ? [p.recoveryInstanceID] : [],
          ),
        },
      ]),
    ),
    recoveryInstanceIds: new Set(
      accounts.flatMap(a => a.recoveryInstances.map(i => i.recoveryInstanceID)),
    ),
  };
}

/** Violations of the run as a whole: engine processes that died on their own, missing coverage. */
function fleetFindings(stats: FleetStats): Finding[] {
  const findings: Finding[] = stats.unexpectedExits.map(exit => ({
    subject: 'engine process',
    violations: [`[engine process] ${exit}`],
  }));
  if (stats.killsInIntentWindow === 0) {
    findings.push({
      subject: 'the run',
      violations: [
        '[coverage] no engine was killed between a launch intent and its job record',
      ],
    });
  }
  return findings;
}

function printSummary(evidence: RunEvidence, stats: FleetStats) {
  const { calls } = evidence;
  const outcomes = countByStatus([...evidence.finals.values()]);
  const outcomesOf = (kinds: RequestPlan['kind'][]) =>
    evidence.plans
      .filter(plan => plan.request && kinds.includes(plan.request.kind))
      .map(plan => evidence.requests.get(plan.name));
  const accepted = (kinds: RequestPlan['kind'][]) =>
    outcomesOf(kinds).filter(r => r?.sent && 'accepted' in r).length;
  const refused = outcomesOf([
    'cancel-while-running',
    'cancel-while-paused',
    'resume',
  ]).filter(r => r?.sent && 'refused' in r).length;
  const launches = Object.values(calls.launchesBySourceServer).reduce(
    (sum, n) => sum + n,
    0,
  );
  const passed = Object.values(calls.startRecoveryBySourceServer).reduce(
    (sum, n) => sum + n,
    0,
  );
  console.log(
    [
      `chaos: seed ${seed}, wall time ${(elapsed() / 1000).toFixed(0)} s`,
      `  executions: ${Object.entries(outcomes)
        .map(([status, count]) => `${status} ${count}`)
        .join(', ')}; accepted ${accepted([
        'cancel-while-running',
        'cancel-while-paused',
      ])} cancels and ${accepted([
        'resume',
      ])} resumes, ${refused} requests refused because the execution had ended; terminate of a finished drill's instances accepted ${
        [...evidence.terminates.values()].filter(t => t.sent && 'accepted' in t)
          .length
      } times, refused ${
        [...evidence.terminates.values()].filter(t => t.sent && 'refused' in t)
          .length
      } (nothing launched)`,
      `  engine kills: ${stats.kills} (timer ${stats.killsAt.timer}, before StartRecovery ${stats.killsAt['before-start-recovery']}, during StartRecovery ${stats.killsAt['during-start-recovery']}, after DRS created the job ${stats.killsAt['job-created']}), ${stats.killsInIntentWindow} of them between launch intent and job record; ${stats.restarts} restarts, ${stats.cycles} engine cycles`,
      `  DRS: ${calls.total} calls, ${calls.injected.throttled} throttled and ${
        calls.injected.internalErrors
      } answered 5xx on purpose; StartRecovery ${
        calls.byOperation.StartRecovery
      } calls launched ${launches} servers; DRS refused ${
        passed - launches
      } more passes of servers (a job already held them)`,
    ].join('\n'),
  );
}

function printFindings(findings: Finding[]) {
  const broken = new Map<string, number>();
  for (const violation of findings.flatMap(f => f.violations)) {
    const invariant = violation.slice(0, violation.indexOf(']') + 1);
    broken.set(invariant, (broken.get(invariant) ?? 0) + 1);
  }
  console.error(
    [
      `chaos: FAILED (replay with CHAOS_SEED=${seed}): ${[...broken]
        .map(([invariant, count]) => `${invariant} ×${count}`)
        .join(', ')}`,
      ...findings.map(finding =>
        [
          `- ${finding.subject}`,
          ...finding.violations.map(v => `    ${v}`),
          ...(finding.evidence ? [`    ended ${finding.evidence}`] : []),
        ].join('\n'),
      ),
    ].join('\n'),
  );
}

async function main(): Promise<number> {
  console.log(
    `chaos: seed ${seed} (replay with CHAOS_SEED=${seed}); ${EXECUTIONS} executions × ${WAVE_NAMES.length} waves, ${ENGINE_NAMES.length} engine processes, DRS at ${DRS_SPEED}× speed`,
  );
  const plans = planExecutions(new Dice(seed), {
    count: EXECUTIONS,
    startWindowMs: START_WINDOW_MS,
  });
  const aws = await startLocalAws(plans);
  await createPlans(aws, plans);
  const logFile = join(
    mkdtempSync(join(os.tmpdir(), 'drs-chaos-')),
    'engines.log',
  );
  console.log(`chaos: engine logs in ${logFile}`);
  fleet = new EngineFleet({
    names: ENGINE_NAMES,
    processOptions: {
      dynamodbEndpoint: aws.dynamodbEndpoint,
      drsEndpoint: aws.simulator.endpoint,
      cycleIntervalMs: ENGINE_CYCLE_MS,
    },
    dice: new Dice(seed ^ 0x5eed1e55),
    policy: CHAOS_POLICY,
    logFile,
  });
  const run = await runUnderChaos(aws, plans, fleet);
  const evidence = await collectEvidence(aws, plans, run);
  await aws.stop();

  const findings = [...findViolations(evidence), ...fleetFindings(fleet.stats)];
  printSummary(evidence, fleet.stats);
  if (findings.length > 0) {
    printFindings(findings);
    return 1;
  }
  console.log('chaos: every invariant held');
  return 0;
}

const killEngines = () => fleet?.killAllNow();
const interrupted = () => {
  killEngines();
  process.exit(130);
};
process.on('exit', killEngines);
process.on('SIGINT', interrupted);
process.on('SIGTERM', interrupted);

main().then(
  code => process.exit(code),
  error => {
    console.error(`chaos: FAILED with an error (seed ${seed}):`, error);
    process.exit(1);
  },
);
