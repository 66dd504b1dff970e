/**
 * The DRS orchestration's benchmarks, run as a user would run the plugins: through their public
 * exports, in a Backstage test backend, against dynalite and the DRS simulator on loopback.
 *
 *   main.ts engine  [--sizes 10,100,1000] [--repeats 5]
 *   main.ts api     [--samples 20] [--list-repeats 50] [--active 1000] [--history 10000]
 *   main.ts signals [--changes 1000] [--rounds 5]
 *   main.ts preflight [--servers 100] [--runs 7]
 *   main.ts evaluation [--plans 100,1000] [--locations 10]
 *   main.ts smoke   each at a tiny size: they run and print their figures
 *
 * Exits 1 on any error.
 */
import { parseArgs } from 'util';
import { API_BENCH_DEFAULTS, ApiBenchOptions, runApiBench } from './apiBench';
import {
  ENGINE_BENCH_DEFAULTS,
  EngineBenchOptions,
  runEngineBench,
} from './engineBench';
import {
  EVALUATION_BENCH_DEFAULTS,
  EvaluationBenchOptions,
  runEvaluationBench,
} from './evaluationBench';
import {
  PREFLIGHT_BENCH_DEFAULTS,
  PreflightBenchOptions,
  runPreflightBench,
} from './preflightBench';
import {
  runSignalsBench,
  SIGNALS_BENCH_DEFAULTS,
  SignalsBenchOptions,
} from './signalsBench';

/** The options given on the command line, over each benchmark's defaults. */
function readOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: Object.fromEntries(
      [
        'sizes',
        'repeats',
        'samples',
        'list-repeats',
        'active',
        'history',
        'changes',
        'rounds',
        'servers',
        'runs',
        'plans',
        'locations',
      ].map(name => [name, { type: 'string' as const }]),
    ),
  });
  const one = (name: string) =>
    values[name] === undefined ? undefined : Number(values[name]);
  const given = <T>(options: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(options).filter(([, value]) => value !== undefined),
    ) as Partial<T>;
  return {
    engine: {
      ...ENGINE_BENCH_DEFAULTS,
      ...given<EngineBenchOptions>({
        sizes: (values.sizes as string | undefined)?.split(',').map(Number),
        repeats: one('repeats'),
      }),
    },
    api: {
      ...API_BENCH_DEFAULTS,
      ...given<ApiBenchOptions>({
        samples: one('samples'),
        listRepeats: one('list-repeats'),
        active: one('active'),
        history: one('history'),
      }),
    },
    signals: {
      ...SIGNALS_BENCH_DEFAULTS,
      ...given<SignalsBenchOptions>({
        changes: one('changes'),
        rounds: one('rounds'),
      }),
    },
    preflight: {
      ...PREFLIGHT_BENCH_DEFAULTS,
      ...given<PreflightBenchOptions>({
        servers: one('servers'),
        runs: one('runs'),
      }),
    },
    evaluation: {
      ...EVALUATION_BENCH_DEFAULTS,
      ...given<EvaluationBenchOptions>({
        plans: (values.plans as string | undefined)?.split(',').map(Number),
        locations: one('locations'),
      }),
    },
  };
}

/** Every benchmark at a tiny size, to show that each still runs and prints its figures. */
const SMOKE = {
  engine: { ...ENGINE_BENCH_DEFAULTS, sizes: [10], repeats: 2 },
  api: {
    ...API_BENCH_DEFAULTS,
    samples: 2,
    listRepeats: 2,
    active: 10,
    history: 150,
    maxStartPauseSeconds: 0.5,
  },
  signals: { ...SIGNALS_BENCH_DEFAULTS, changes: 10, rounds: 2 },
  preflight: { ...PREFLIGHT_BENCH_DEFAULTS, servers: 10, runs: 2 },
  evaluation: {
    ...EVALUATION_BENCH_DEFAULTS,
    plans: [4, 8],
    locations: 2,
    entitiesPerLocation: 2,
  },
};

async function main([command, ...args]: string[]) {
  const options = readOptions(args);
  switch (command) {
    case 'engine':
      return runEngineBench(options.engine);
    case 'api':
      return runApiBench(options.api);
    case 'signals':
      return runSignalsBench(options.signals);
    case 'preflight':
      return runPreflightBench(options.preflight);
    case 'evaluation':
      return runEvaluationBench(options.evaluation);
    case 'smoke':
      await runEngineBench(SMOKE.engine);
      await runApiBench(SMOKE.api);
      await runSignalsBench(SMOKE.signals);
      await runPreflightBench(SMOKE.preflight);
      return runEvaluationBench(SMOKE.evaluation);
    default:
      throw new Error(
        `Unknown benchmark "${command}": engine, api, signals, preflight, evaluation or smoke`,
      );
  }
}

main(process.argv.slice(2)).then(
  // The backends' scheduler and database pools may keep the event loop alive.
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
