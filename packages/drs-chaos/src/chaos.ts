/**
 * Chaos test of the DRS orchestration's engine (npm run test:chaos:engines), through the
 * plugins' public exports only. Two engine processes, each a backend running the drs plugin
 * whose scheduler hands over the engine's task, race on the same local DynamoDB tables and DRS
 * simulator (with its SSM and EC2), which throttles 10 % and fails 5 % of calls; some servers
 * fail at launch, some in cleanup. Engines are SIGKILLed and restarted at random times and inside StartRecovery (after
 * the launch intent, with the call in flight, after DRS created the job), or held there a moment
 * so the other engine races to adopt the launch; likewise inside StartAutomationExecution (after
 * the step's intent, after SSM started the automation). 50 executions of 3 waves, with SSM
 * automation steps before and after waves (that succeed, fail and fail or continue their wave,
 * or hang until their timeout or a cancel stops them) and waits, are started, cancelled (also
 * while an automation runs), paused and resumed through the API of a third backend, as people
 * would; about 40 % are real recoveries from a cut-off (each server's latest point in time at or
 * before it), and about half of the drills get a terminate request once ended. Then: every
 * execution ends in the state its faults and requests imply, every started wave's servers were
 * launched exactly once (the simulator's launch log), every automation step that ran started
 * exactly one automation in SSM and none that did not run (SSM's automations, each naming its
 * step in a parameter), an interrupted step's automation was stopped, every server of a
 * recovery was launched from the snapshot its
 * start recorded and never from after the cut-off (DRS's job log and recovery instance), every
 * launched server records the recovery point it achieved, every accepted request was honoured (a
 * terminate by exactly one TERMINATE job, with no instance left), nothing is left active or
 * terminating. Exits 1 naming each broken invariant with its evidence.
 *
 *   npm run test:chaos:engines                 a random seed, printed
 *   CHAOS_SEED=42 npm run test:chaos:engines   the same plan, faults and kill decisions
 */
import { Dice } from '@drs-orchestration/drs-simulator';
import { mkdtempSync } from 'fs';
import os from 'os';
import { join } from 'path';
import { EngineFleet } from './engineFleet';
import { collectEvidence } from './evidence';
import { findViolations } from './invariants';
import { fleetFindings, printFindings, printSummary } from './report';
import { runUnderChaos } from './run';
import { planExecutions, WAVE_NAMES } from './scenario';
import {
  CHAOS_POLICY,
  DRS_SPEED,
  ENGINE_CYCLE_MS,
  ENGINE_NAMES,
  EXECUTIONS,
  START_WINDOW_MS,
} from './settings';
import { startChaosWorld } from './world';

const seed = Number(
  process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31),
);
const started = Date.now();
const elapsed = () => Date.now() - started;
let fleet: EngineFleet | undefined;

async function main(): Promise<number> {
  console.log(
    `chaos: seed ${seed} (replay with CHAOS_SEED=${seed}); ${EXECUTIONS} executions × ${WAVE_NAMES.length} waves, ${ENGINE_NAMES.length} engine processes, DRS at ${DRS_SPEED}× speed`,
  );
  const plans = planExecutions(new Dice(seed), {
    count: EXECUTIONS,
    startWindowMs: START_WINDOW_MS,
  });
  const world = await startChaosWorld(plans, seed);
  const logFile = join(
    mkdtempSync(join(os.tmpdir(), 'drs-chaos-')),
    'engines.log',
  );
  console.log(`chaos: engine logs in ${logFile}`);
  fleet = new EngineFleet({
    names: ENGINE_NAMES,
    processOptions: {
      config: world.engineConfig,
      cycleIntervalMs: ENGINE_CYCLE_MS,
    },
    dice: new Dice(seed ^ 0x5eed1e55),
    policy: CHAOS_POLICY,
    logFile,
  });
  const run = await runUnderChaos({
    world,
    plans,
    engines: fleet,
    seed,
    elapsed,
  });
  const evidence = await collectEvidence(world, plans, run);
  await world.stop();

  const findings = [...findViolations(evidence), ...fleetFindings(fleet.stats)];
  printSummary(evidence, fleet.stats, { seed, elapsedMs: elapsed() });
  if (findings.length > 0) {
    printFindings(findings, seed);
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
