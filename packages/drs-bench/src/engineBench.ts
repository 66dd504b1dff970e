/**
 * Engine benchmark: N running drills (3 waves × 20 servers, wave 1 running in DRS) in dynalite
 * and the DRS simulator, driven by the plugin's own engine task, run one cycle at a time:
 * nothing changed; every execution changed in DRS; every execution starts its next wave. Beside
 * them the original system's strategy (one DescribeJobs per execution, a full rewrite of every
 * active execution per poll) and the floor (a cycle's conditional writes alone), run the same
 * way. Then the same N drills with steps in their plans (each wave: an SSM automation before,
 * a wait after), through a wave's whole course (stepsBench.ts). DynamoDB and DRS (with SSM)
 * run in a second process. Prints medians; asserts nothing.
 */
import os from 'os';
import { startAwsProcess } from './awsProcess';
import { EngineRig, startEngineRig } from './engineRig';
import { CycleSample, row, sample, summary } from './cycleSample';
import { inPool } from './pool';
import { measureWithSteps, printWithSteps } from './stepsBench';

export interface EngineBenchOptions {
  /** Numbers of running drills, one measurement each. */
  sizes: number[];
  /** Cycles measured per figure (the median is printed). */
  repeats: number;
  serversPerWave: number;
  /** Executions the engine drives at once: the floor's writes go as many at once. */
  concurrency: number;
  /** Also measure plans whose waves have steps (a before automation, an after wait). */
  withSteps: boolean;
}

export const ENGINE_BENCH_DEFAULTS: EngineBenchOptions = {
  sizes: [10, 100, 1000],
  repeats: 5,
  serversPerWave: 20,
  concurrency: 16,
  withSteps: true,
};

/** The seed system: one DescribeJobs per execution, and every active execution rewritten. */
async function originalCycle({ stores, gateway }: EngineRig) {
  const active = await stores.executions.listActive();
  for (const execution of active) {
    const jobIds = execution.waves.flatMap(w => (w.jobId ? [w.jobId] : []));
    await gateway.describeJobs(
      { accountId: execution.accountId, region: execution.region },
      jobIds,
    );
    const fresh = await stores.executions.get(execution.executionId);
    await stores.executions.update({
      ...fresh,
      polling: { ...fresh.polling, lastPolledAt: new Date().toISOString() },
    });
  }
}

/** The floor under a cycle that changes every execution: its conditional writes alone. */
async function writesAlone({ stores }: EngineRig, concurrency: number) {
  const active = await stores.executions.listActive();
  await inPool(active, concurrency, execution =>
    stores.executions.update({
      ...execution,
      polling: { ...execution.polling, lastPolledAt: new Date().toISOString() },
    }),
  );
}

async function measure(size: number, options: EngineBenchOptions) {
  // DynamoDB and DRS are remote services in production: their work must not count as the engine's.
  const aws = await startAwsProcess();
  const rig = await startEngineRig(aws, size, options.serversPerWave);
  const repeat = async (run: () => Promise<void>) => {
    const samples: CycleSample[] = [];
    for (let r = 0; r < options.repeats; r++) {
      samples.push(await sample(rig, run));
    }
    return samples;
  };
  try {
    await rig.runCycle(); // settle: the first cycle records what DRS reports now
    const unchanged = await repeat(rig.runCycle);
    const original = await repeat(() => originalCycle(rig));
    const floor = await repeat(() => writesAlone(rig, options.concurrency));
    await rig.runCycle(); // the original strategy rewrote every execution: read them again
    // Changed: every execution's job goes from PENDING to STARTED, each server to IN_PROGRESS.
    // Next wave: the running wave's job completes and the next wave starts (after wave 3, the
    // execution completes); launch jobs take at most ~560 simulated seconds.
    const changed: CycleSample[] = [];
    const nextWave: CycleSample[] = [];
    for (let wave = 0; wave < 3; wave++) {
      await rig.simulator.advance(10);
      changed.push(await sample(rig, rig.runCycle));
      await rig.simulator.advance(600);
      nextWave.push(await sample(rig, rig.runCycle));
    }
    const memoryMb = process.memoryUsage().rss / 1024 / 1024;
    return { unchanged, changed, nextWave, floor, original, memoryMb };
  } finally {
    await rig.stop();
    await aws.stop();
  }
}

export async function runEngineBench(options: EngineBenchOptions) {
  console.log(
    `Engine benchmark on ${os.cpus().length} cores (${
      os.cpus()[0]?.model
    }), Node ${process.version}; ${options.repeats} repeats, medians; ${
      options.serversPerWave * 3
    } servers per execution`,
  );
  console.log(
    "Per cycle: wall time (this process's CPU: the engine's) with DynamoDB and DRS in another process; DRS calls, DynamoDB reads (R) and writes (W)",
  );
  for (const size of options.sizes) {
    const result = await measure(size, options);
    const unchanged = summary(result.unchanged);
    const original = summary(result.original);
    console.log(
      `N = ${size} (engine process RSS ${result.memoryMb.toFixed(0)} MB)`,
    );
    const changed = summary(result.changed);
    console.log(row('nothing changed', unchanged));
    console.log(row('every execution changed', changed));
    console.log(
      row('every execution starts its next wave', summary(result.nextWave)),
    );
    console.log(
      row('floor: one conditional write each, alone', summary(result.floor)),
    );
    console.log(row('original strategy (poll + rewrite each)', original));
    console.log(
      `  original / ours when nothing changed: ${(
        original.ms / unchanged.ms
      ).toFixed(1)}x time, ${(
        original.drsCalls / Math.max(unchanged.drsCalls, 1)
      ).toFixed(0)}x DRS calls, ${original.writes} writes vs ${
        unchanged.writes
      }`,
    );
    if (options.withSteps) {
      printWithSteps(await measureWithSteps(size, options), {
        unchanged,
        changed,
      });
    }
  }
}
