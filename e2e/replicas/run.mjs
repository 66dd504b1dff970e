// npm run test:chaos:replicas: backend restarts and scale-out, as production runs them.
//
// The script starts a PostgreSQL (Backstage's database: the scheduler keeps the engine task's
// lock there), DynamoDB and the DRS simulator on loopback, and backend replicas that share them.
//   1. Restart: one replica runs a 3-wave drill; it is stopped with SIGTERM during wave 1, and
//      killed with SIGKILL while it is launching wave 2 (intent written, StartRecovery sent, job
//      ID not yet recorded). Restarted each time, it finishes the drill.
//   2. Scale-out: a second replica joins; a drill is started through it; the first replica is
//      killed with SIGKILL while it runs an engine cycle (holding the task's lock). The survivor
//      takes over and finishes the drill; the time the takeover took is printed. A page open on
//      either replica gets the drill's live updates, whichever replica made the change (signals
//      travel between replicas through the events bus in PostgreSQL).
// Each drill must end COMPLETED with every wave COMPLETED, DRS must have received exactly one
// launch per source server of the plan, and SSM must have started exactly one automation for each
// of the plan's automation steps (after db: warm the caches; before web: switch DNS). Exits 0 when all holds, 1 with the reason and the backends'
// logs otherwise; everything it started is stopped and removed on exit, also on SIGINT/SIGTERM.
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DrsApi, ENGINE_TASK_ID, signInAsGuest } from './drsApi.mjs';
import { startLocalAws } from './localAws.mjs';
import { startPostgres } from './postgres.mjs';
import { Replica } from './replica.mjs';
import { subscribe } from './signals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Own ports: `npm start` uses 4566/4567/7007, the browser tests 4576/4577.
const PORTS = {
  postgres: 4590,
  dynamodb: 4591,
  drs: 4592,
  replicaA: 7107,
  replicaB: 7108,
};
/** DRS runs this many times faster than real: a wave's launch job takes 11-14 s. */
const SIMULATOR_SPEED = 40;
/** drs.engine.cycleTimeoutSeconds of the overlay: how long a dead replica's lock lasts. */
const CYCLE_TIMEOUT_SECONDS = 10;
/** Backstage's scheduler janitor frees expired task locks once a minute on each replica. */
const JANITOR_INTERVAL_SECONDS = 60;
/**
 * While aiming a kill, every DRS call is delayed this much: an engine cycle (and a launch in
 * flight) then lasts long enough to be caught from outside. Removed right after the kill.
 */
const AIMING_LATENCY_MS = 2000;
const TOTAL_TIMEOUT_MS = 9 * 60 * 1000;
const ENTITY = 'checkout-service';
const FINISHED = ['COMPLETED', 'FAILED', 'TIMED_OUT', 'CANCELLED'];

const startedAt = Date.now();
const seconds = ms => `${(ms / 1000).toFixed(1)} s`;
function say(message) {
  console.log(`[${seconds(Date.now() - startedAt).padStart(7)}] ${message}`);
}
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** The backends, whose logs are printed when a check fails. */
const replicas = [];
/** Stops, in reverse order of start, everything this script started; runs once. */
const cleanups = [];
let cleaningUp;
function cleanUp() {
  cleaningUp ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(error =>
        console.error(`cleanup: ${error.message}`),
      );
    }
  })();
  return cleaningUp;
}

async function assertPortsFree() {
  for (const [name, port] of Object.entries(PORTS)) {
    await new Promise((resolve, reject) => {
      const probe = createServer();
      probe.once('error', () =>
        reject(
          new Error(
            `port ${port} (${name}) is in use on 127.0.0.1: is another run of this test still going?`,
          ),
        ),
      );
      probe.listen(port, '127.0.0.1', () => probe.close(resolve));
    });
  }
}

/** The engine task's row in the drs plugin's database: the lock is `current_run_ticket`. */
function engineLockReader(postgresPort) {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: postgresPort,
    user: 'postgres',
    database: 'backstage_plugin_drs',
  });
  let connected;
  return {
    async read() {
      connected ??= client.connect();
      await connected;
      const { rows } = await client.query(
        `SELECT current_run_ticket, current_run_expires_at, last_run_ended_at, last_run_error_json
           FROM backstage_backend_tasks__tasks WHERE id = $1`,
        [ENGINE_TASK_ID],
      );
      return rows[0];
    },
    close: () => (connected ? client.end() : Promise.resolve()),
  };
}

function describeExecution(execution) {
  const waves = execution.waves
    .map(wave => {
      const servers = wave.servers.map(
        server =>
          `${server.hostname ?? server.sourceServerId}=${server.status}`,
      );
      return `${wave.name} ${wave.status}${
        wave.jobId ? ` (${wave.jobId})` : ''
      }${wave.failureReason ? ` "${wave.failureReason}"` : ''} [${servers.join(
        ', ',
      )}]`;
    })
    .join('; ');
  return `${execution.status}${
    execution.statusReason ? ` "${execution.statusReason}"` : ''
  }; waves: ${waves}`;
}

/** What the engine has moved so far: any difference means it drove the execution. */
const progressOf = execution =>
  JSON.stringify([
    execution.status,
    execution.waves.map(wave => [
      wave.status,
      wave.jobId,
      wave.servers.map(server => server.status),
    ]),
  ]);

async function waitForExecution(api, executionId, what, predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const execution = await api.execution(executionId);
    if (predicate(execution)) return execution;
    if (FINISHED.includes(execution.status)) {
      throw new Error(
        `waiting for ${what}, the drill ended instead: ${describeExecution(
          execution,
        )}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${seconds(
          timeoutMs,
        )}; the drill: ${describeExecution(execution)}`,
      );
    }
    await sleep(200);
  }
}

/** The catalog ingests the example entities after start-up; the entity resolver needs them. */
async function waitForEntity(api) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await api.sourceServers(ENTITY);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

/**
 * The SSM automation steps of the plan: after db, warm the caches of its instances; before web,
 * switch DNS. Each drill must start exactly one automation for each.
 */
const AUTOMATION_STEPS = {
  db: {
    after: [
      {
        type: 'automation',
        name: 'warm caches',
        documentName: 'Checkout-WarmCaches',
        instanceIdsParameter: 'InstanceIds',
      },
    ],
  },
  web: {
    before: [
      {
        type: 'automation',
        name: 'switch DNS',
        documentName: 'Checkout-SwitchDns',
        parameters: { Target: ['checkout-dr-alb.example.com'] },
      },
    ],
  },
};
const AUTOMATION_DOCUMENTS = Object.values(AUTOMATION_STEPS).flatMap(phases =>
  Object.values(phases).flatMap(steps => steps.map(s => s.documentName)),
);

/** db, then app, then web: three waves of three servers, each waiting for the one before. */
async function createThreeWavePlan(api) {
  const { items } = await waitForEntity(api);
  const tier = name =>
    items
      .filter(server => server.tags.Tier === name)
      .map(server => server.sourceServerId);
  const waves = ['db', 'app', 'web'].map(name => ({
    name,
    sourceServerIds: tier(name),
    ...AUTOMATION_STEPS[name],
  }));
  if (waves.some(wave => wave.sourceServerIds.length !== 3)) {
    throw new Error(
      `expected 3 ${ENTITY} servers per tier, found ${JSON.stringify(
        items.map(s => s.hostname),
      )}`,
    );
  }
  const plan = await api.createPlan(ENTITY, {
    name: 'replicas test: db, app, web',
    waves,
  });
  return {
    planId: plan.planId,
    serverIds: waves.flatMap(wave => wave.sourceServerIds),
  };
}

function checkCompleted(execution) {
  const unfinished = execution.waves.filter(
    wave => wave.status !== 'COMPLETED',
  );
  if (execution.status !== 'COMPLETED' || unfinished.length > 0) {
    throw new Error(
      `the drill did not complete cleanly: ${describeExecution(execution)}`,
    );
  }
}

/** Exactly one DRS launch job per server of the plan since `before`, and none for any other. */
function checkLaunchedOnce(before, after, serverIds) {
  const launches = {};
  for (const [id, count] of Object.entries(after.launchesBySourceServer)) {
    const added = count - (before.launchesBySourceServer[id] ?? 0);
    if (added > 0) launches[id] = added;
  }
  const wrong = [...new Set([...serverIds, ...Object.keys(launches)])].filter(
    id => (launches[id] ?? 0) !== (serverIds.includes(id) ? 1 : 0),
  );
  if (wrong.length > 0) {
    throw new Error(
      `DRS launches per source server should be exactly 1 for each of the plan's ${
        serverIds.length
      } servers: ${JSON.stringify(launches)}`,
    );
  }
  return `${serverIds.length} servers launched once each`;
}

/** The automations SSM has started, by ID. */
const automationsIn = simulator =>
  new Map(
    simulator
      .state()
      .accounts.flatMap(account => account.automations)
      .map(automation => [automation.automationExecutionId, automation]),
  );

/**
 * Exactly one SSM automation per automation step of the drill since `before` (SSM's state is
 * the witness), and it is the one the step records; a repeated start that SSM answered with
 * the automation of the same ClientToken is not a second.
 */
function checkAutomationsOnce(beforeAutomations, simulator, execution) {
  const started = [...automationsIn(simulator).values()].filter(
    automation => !beforeAutomations.has(automation.automationExecutionId),
  );
  const steps = execution.waves.flatMap(wave =>
    (wave.steps ?? []).filter(step => step.type === 'automation'),
  );
  const problems = AUTOMATION_DOCUMENTS.flatMap(document => {
    const ids = started
      .filter(a => a.documentName === document)
      .map(a => a.automationExecutionId);
    const recorded = steps.find(step => step.documentName === document);
    if (ids.length !== 1 || recorded?.automationExecutionId !== ids[0]) {
      return [
        `${document}: SSM started [${ids.join(', ')}], the step records ${
          recorded?.automationExecutionId ?? 'none'
        } (${recorded?.status ?? 'no step'})`,
      ];
    }
    return [];
  });
  if (problems.length > 0) {
    throw new Error(
      `each automation step must have started exactly one automation: ${problems.join(
        '; ',
      )}`,
    );
  }
  return `${steps.length} automation steps started once each`;
}

/** Waits for the drill to complete cleanly and checks each of its servers was launched once. */
async function checkFinishedOnce({
  api,
  simulator,
  executionId,
  before,
  beforeAutomations,
  plan,
}) {
  const execution = await waitForExecution(
    api,
    executionId,
    'drill COMPLETED',
    e => e.status === 'COMPLETED',
    120_000,
  );
  checkCompleted(execution);
  return `${checkLaunchedOnce(
    before,
    simulator.calls(),
    plan.serverIds,
  )}, ${checkAutomationsOnce(beforeAutomations, simulator, execution)}`;
}

async function describeLockAfterStop(lock) {
  const row = await lock.read();
  return row.current_run_ticket
    ? `it left the engine lock held until ${row.current_run_expires_at.toISOString()} (stopped mid-cycle)`
    : 'the engine lock was free';
}

async function restartScenario({ a, simulator, lock, plan, token }) {
  say('Scenario 1, restart: replica A alone runs a 3-wave drill');
  const api = new DrsApi(a, token);
  const before = simulator.calls();
  const beforeAutomations = automationsIn(simulator);
  const { executionId } = await api.startDrill(
    ENTITY,
    plan.planId,
    `replicas-restart-${Date.now()}`,
  );
  await waitForExecution(
    api,
    executionId,
    'wave 1 STARTED',
    e => e.waves[0].status === 'STARTED',
    30_000,
  );

  const stopMs = await a.stop('SIGTERM');
  say(
    `SIGTERM during wave 1: A shut down in ${seconds(
      stopMs,
    )}; ${await describeLockAfterStop(lock)}`,
  );
  simulator.setFaults({ latencyMs: AIMING_LATENCY_MS });
  a.start();
  await a.waitUntilReady();
  say('A restarted; aiming the next kill at the launch of wave 2');

  const startRecoveryCalls = () =>
    simulator.calls().byOperation.StartRecovery ?? 0;
  const callsBeforeWave2 = startRecoveryCalls();
  await waitForExecution(
    api,
    executionId,
    'wave 2 being launched (intent recorded, StartRecovery sent, no job ID yet)',
    e =>
      e.waves[1].launchIntentAt &&
      !e.waves[1].jobId &&
      startRecoveryCalls() > callsBeforeWave2,
    60_000,
  );
  await a.stop('SIGKILL');
  simulator.setFaults({ latencyMs: 0 });
  say(
    `SIGKILL while StartRecovery of wave 2 was in flight; ${await describeLockAfterStop(
      lock,
    )}`,
  );
  a.start();
  await a.waitUntilReady();
  say('A restarted');

  const launches = await checkFinishedOnce({
    api,
    simulator,
    executionId,
    before,
    beforeAutomations,
    plan,
  });
  const adoption = a.currentLife.log
    .join('')
    .match(/adopted job \S+ for wave \S+/);
  say(
    `Scenario 1 passed: drill COMPLETED, every wave COMPLETED, ${launches}; ${
      adoption
        ? `after the crash A ${adoption[0]} instead of launching again`
        : 'no adoption was needed'
    }`,
  );
}

/**
 * Kills the victim's replica with SIGKILL while it runs an engine cycle, holding the task's lock.
 * The task tends to stay on one replica: the scheduler of the replica that ran the last cycle
 * polls again just when the next one is due. So DRS is slowed to make cycles last seconds (to be
 * seen from outside); while they run on the survivor, the task is re-triggered between short
 * cycles, and the next cycle goes to whichever replica polls first, until the victim has one.
 */
async function killDuringEngineCycle({
  victim,
  survivor,
  executionId,
  simulator,
  lock,
}) {
  const deadline = Date.now() + 60_000;
  for (let retriggers = 0; Date.now() < deadline; retriggers++) {
    const execution = await survivor.execution(executionId);
    if (FINISHED.includes(execution.status)) {
      throw new Error(
        `the drill ended before replica ${
          victim.replica.name
        } ran an engine cycle: ${describeExecution(execution)}`,
      );
    }
    simulator.setFaults({ latencyMs: AIMING_LATENCY_MS });
    const lookUntil = Date.now() + AIMING_LATENCY_MS + 1000;
    while (Date.now() < lookUntil) {
      // the same ticket before and after the victim reports a running cycle is the victim's
      const ticket = (await lock.read()).current_run_ticket;
      const { workerState } = await victim.engineTask();
      if (
        ticket &&
        workerState?.status === 'running' &&
        (await lock.read()).current_run_ticket === ticket
      ) {
        const killedAt = Date.now();
        await victim.replica.stop('SIGKILL');
        simulator.setFaults({ latencyMs: 0 });
        return { deadTicket: ticket, killedAt, retriggers };
      }
      await sleep(100);
    }
    simulator.setFaults({ latencyMs: 0 });
    await sleep(AIMING_LATENCY_MS + 500); // the slow cycle in flight ends
    await survivor.triggerEngine();
  }
  throw new Error(
    `replica ${victim.replica.name} ran no engine cycle within 60 s`,
  );
}

/**
 * Each version of an execution is written, and signalled, by one replica. A version that pages
 * on both replicas received went from one replica to the other: without the events bus, each
 * page sees only the changes its own replica made.
 */
async function checkSignalsReachBothReplicas(pages, executionId) {
  const versions = page =>
    new Set(
      page.received
        .filter(m => m.executionId === executionId)
        .map(m => m.version),
    );
  const deadline = Date.now() + 15_000;
  let shared = [];
  while (shared.length === 0 && Date.now() < deadline) {
    await sleep(200);
    const onB = versions(pages.B);
    shared = [...versions(pages.A)].filter(v => onB.has(v));
  }
  const summary = `A's page got versions [${[...versions(pages.A)]}], B's [${[
    ...versions(pages.B),
  ]}]`;
  if (shared.length === 0) {
    throw new Error(
      `no change reached the pages of both replicas within 15 s: ${summary}`,
    );
  }
  say(
    `live updates cross replicas: ${summary}; ${shared.length} version(s) on both`,
  );
  pages.A.close();
  pages.B.close();
}

async function scaleOutScenario({ a, b, simulator, lock, plan, token }) {
  say(
    'Scenario 2, scale-out: replica B joins A on the same PostgreSQL and DynamoDB',
  );
  b.start();
  await b.waitUntilReady();
  // the token A issued is accepted by B: the auth keys are in the shared database
  const apiA = new DrsApi(a, token);
  const apiB = new DrsApi(b, token);
  const entityChannel = `drs:entity:component:default/${ENTITY}`;
  const pages = {
    A: await subscribe(a, token, entityChannel),
    B: await subscribe(b, token, entityChannel),
  };
  const before = simulator.calls();
  const beforeAutomations = automationsIn(simulator);
  const { executionId } = await apiB.startDrill(
    ENTITY,
    plan.planId,
    `replicas-scale-out-${Date.now()}`,
  );
  say('drill started through B (the plan was created through A)');
  await waitForExecution(
    apiB,
    executionId,
    'wave 1 STARTED',
    e => e.waves[0].status === 'STARTED',
    30_000,
  );
  await checkSignalsReachBothReplicas(pages, executionId);

  const { deadTicket, killedAt, retriggers } = await killDuringEngineCycle({
    victim: apiA,
    survivor: apiB,
    executionId,
    simulator,
    lock,
  });
  const atKill = progressOf(await apiB.execution(executionId));
  const heldByDead = (await lock.read()).current_run_ticket === deadTicket;
  say(
    `SIGKILL to A while it ran an engine cycle (${
      heldByDead ? 'its lock is left behind' : 'it had just released the lock'
    }); ${
      retriggers === 0
        ? 'the engine was on A'
        : `the engine was on B and moved to A after ${retriggers} re-triggers`
    }`,
  );

  const since = at => seconds(at - killedAt);
  let lockFreedAt;
  let survivorCycleAt;
  let progressAt;
  const takeoverDeadline =
    killedAt + (CYCLE_TIMEOUT_SECONDS + JANITOR_INTERVAL_SECONDS + 30) * 1000;
  while (!progressAt) {
    const row = await lock.read();
    const now = Date.now();
    if (!lockFreedAt && row.current_run_ticket !== deadTicket)
      lockFreedAt = now;
    // B runs a cycle: it holds the lock, or has released it since the kill (the janitor, when
    // it frees a dead replica's lock, records "Task timed out"; a finished run no error)
    const survivorRan =
      row.current_run_ticket ||
      (row.last_run_ended_at?.getTime() > killedAt && !row.last_run_error_json);
    if (lockFreedAt && !survivorCycleAt && survivorRan) survivorCycleAt = now;
    const execution = await apiB.execution(executionId);
    // before the lock is free, a change could only be a late write of the dead replica
    if (lockFreedAt && progressOf(execution) !== atKill)
      progressAt = Date.now();
    else if (FINISHED.includes(execution.status)) {
      throw new Error(
        `after the kill the drill ended: ${describeExecution(execution)}`,
      );
    } else if (Date.now() > takeoverDeadline) {
      throw new Error(
        `B did not take over within ${since(
          takeoverDeadline,
        )} of the kill (lock ${
          lockFreedAt ? `freed after ${since(lockFreedAt)}` : 'still held by A'
        }); the drill: ${describeExecution(execution)}`,
      );
    }
    if (!progressAt) await sleep(200);
  }
  const takeover = `lock ${
    heldByDead
      ? `freed by the janitor ${since(lockFreedAt)}`
      : `free ${since(lockFreedAt)}`
  } after the kill, B's first engine cycle after ${
    survivorCycleAt ? since(survivorCycleAt) : `at most ${since(progressAt)}`
  }, drill progress after ${since(progressAt)}`;
  say(`takeover: ${takeover}`);

  const launches = await checkFinishedOnce({
    api: apiB,
    simulator,
    executionId,
    before,
    beforeAutomations,
    plan,
  });
  say(
    `Scenario 2 passed: B finished the drill, every wave COMPLETED, ${launches}`,
  );
  return takeover;
}

async function main() {
  await assertPortsFree();
  const postgres = await startPostgres({ port: PORTS.postgres });
  cleanups.push(postgres.stop);
  const aws = await startLocalAws({
    dynamodbPort: PORTS.dynamodb,
    drsPort: PORTS.drs,
    inventory: join(root, 'examples', 'drs-inventory.yaml'),
    speed: SIMULATOR_SPEED,
  });
  cleanups.push(aws.stop);
  const lock = engineLockReader(PORTS.postgres);
  cleanups.push(lock.close);
  say(
    `PostgreSQL on 127.0.0.1:${PORTS.postgres}, DynamoDB on :${PORTS.dynamodb}, DRS simulator (speed ${SIMULATOR_SPEED}) on :${PORTS.drs}`,
  );

  const env = {
    DRS_REPLICAS_POSTGRES_PORT: String(PORTS.postgres),
    DRS_REPLICAS_DYNAMODB_PORT: String(PORTS.dynamodb),
    DRS_REPLICAS_DRS_PORT: String(PORTS.drs),
  };
  const a = new Replica('A', PORTS.replicaA, env);
  const b = new Replica('B', PORTS.replicaB, env);
  replicas.push(a, b);
  cleanups.push(() => Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')]));

  a.start();
  await a.waitUntilReady();
  say(`replica A ready on ${a.url}`);
  const token = await signInAsGuest(a.url);
  const plan = await createThreeWavePlan(new DrsApi(a, token));
  say(`plan created through A: 3 waves of 3 ${ENTITY} servers`);

  await restartScenario({ a, simulator: aws.simulator, lock, plan, token });
  const takeover = await scaleOutScenario({
    a,
    b,
    simulator: aws.simulator,
    lock,
    plan,
    token,
  });
  say(
    `all checks passed in ${seconds(
      Date.now() - startedAt,
    )}; takeover: ${takeover}`,
  );
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    interrupted = true;
    console.error(`${signal}: stopping everything this test started`);
    await cleanUp();
    process.exit(130);
  });
}

let exitCode = 1;
const watchdog = sleep(TOTAL_TIMEOUT_MS).then(() => {
  throw new Error(`the test took longer than ${seconds(TOTAL_TIMEOUT_MS)}`);
});
try {
  await Promise.race([main(), watchdog]);
  exitCode = 0;
} catch (error) {
  if (!interrupted) {
    console.error(`\nFAILED: ${error.message}\n`);
    for (const replica of replicas) console.error(replica.logs());
  }
} finally {
  await cleanUp();
  say('stopped everything the test started, removed its temp dirs');
}
process.exit(exitCode);
