/*
 * The engine benchmark's plans with steps: N running drills whose waves each run an SSM
 * automation before their launch and wait a second after it, driven one engine cycle at a time
 * through a wave's whole course: launch observed, after wait started, wait over and the next
 * wave's automation started, automations running, automations over and the wave launched.
 */
import { CycleSample, row, sample, summary } from './cycleSample';
import type { EngineBenchOptions } from './engineBench';
import { startAwsProcess } from './awsProcess';
import { startEngineRig } from './engineRig';
import { BENCH_AUTOMATION_SECONDS, BENCH_WAIT_SECONDS } from './stepsSeed';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Each figure's cycles, in the order the rows are printed. */
export interface StepsResult {
  unchanged: CycleSample[];
  changed: CycleSample[];
  launched: CycleSample[];
  automationsStart: CycleSample[];
  automationsRunning: CycleSample[];
  automationsEnd: CycleSample[];
}

export async function measureWithSteps(
  size: number,
  options: EngineBenchOptions,
): Promise<StepsResult> {
  const aws = await startAwsProcess();
  const rig = await startEngineRig(aws, size, options.serversPerWave, true);
  const repeat = async (times: number, run: () => Promise<void>) => {
    const samples: CycleSample[] = [];
    for (let r = 0; r < times; r++) samples.push(await sample(rig, run));
    return samples;
  };
  const once = () => repeat(1, rig.runCycle);
  try {
    await rig.runCycle(); // settle: the first cycle records what DRS reports now
    const unchanged = await repeat(options.repeats, rig.runCycle);
    await rig.simulator.advance(10);
    const changed = await once(); // every job PENDING to STARTED
    await rig.simulator.advance(600);
    const launched = await once(); // launched: the after wait starts
    await sleep(BENCH_WAIT_SECONDS * 1000 + 100);
    // The wait is over: the wave completes, the next starts with its automation's intent and call.
    const automationsStart = await once();
    const automationsRunning = await repeat(options.repeats, rig.runCycle);
    await rig.simulator.advance(BENCH_AUTOMATION_SECONDS + 10);
    const automationsEnd = await once(); // automations succeeded: the waves launch
    return {
      unchanged,
      changed,
      launched,
      automationsStart,
      automationsRunning,
      automationsEnd,
    };
  } finally {
    await rig.stop();
    await aws.stop();
  }
}

/** The rows of the plans with steps, and the two figures beside those of plans without. */
export function printWithSteps(
  result: StepsResult,
  without: { unchanged: CycleSample; changed: CycleSample },
) {
  const unchanged = summary(result.unchanged);
  const changed = summary(result.changed);
  console.log(
    `  plans with steps (each wave: an SSM automation before, a ${BENCH_WAIT_SECONDS} s wait after; calls are DRS + SSM):`,
  );
  console.log(row('nothing changed', unchanged));
  console.log(row('every execution changed', changed));
  console.log(
    row('launched: each after wait starts', summary(result.launched)),
  );
  console.log(
    row('wait over: next automation starts', summary(result.automationsStart)),
  );
  console.log(
    row(
      'nothing changed, automations running',
      summary(result.automationsRunning),
    ),
  );
  console.log(
    row('automations over: the waves launch', summary(result.automationsEnd)),
  );
  const ms = (s: CycleSample) => `${s.ms.toFixed(0)} ms`;
  console.log(
    `  with steps / without: nothing changed ${ms(unchanged)} vs ${ms(
      without.unchanged,
    )}, every execution changed ${ms(changed)} vs ${ms(without.changed)}`,
  );
}
