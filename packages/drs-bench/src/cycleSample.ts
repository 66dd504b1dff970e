import { EngineRig } from './engineRig';
import { median } from './stats';

/** One cycle's cost: wall and CPU time of this process, DRS calls, DynamoDB reads and writes. */
export interface CycleSample {
  ms: number;
  cpuMs: number;
  drsCalls: number;
  reads: number;
  writes: number;
}

export async function sample(
  rig: EngineRig,
  run: () => Promise<void>,
): Promise<CycleSample> {
  const drsBefore = await rig.simulator.totalCalls();
  const { reads, writes } = rig.counts;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  await run();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    ms: Number(process.hrtime.bigint() - started) / 1e6,
    cpuMs: (cpu.user + cpu.system) / 1000,
    drsCalls: (await rig.simulator.totalCalls()) - drsBefore,
    reads: rig.counts.reads - reads,
    writes: rig.counts.writes - writes,
  };
}

export function summary(samples: CycleSample[]): CycleSample {
  const medianOf = (key: keyof CycleSample) => median(samples.map(s => s[key]));
  return {
    ms: medianOf('ms'),
    cpuMs: medianOf('cpuMs'),
    drsCalls: medianOf('drsCalls'),
    reads: medianOf('reads'),
    writes: medianOf('writes'),
  };
}

export function row(label: string, s: CycleSample) {
  const figure = (value: number, width: number) =>
    value.toFixed(0).padStart(width);
  return `  ${label.padEnd(40)} ${figure(s.ms, 6)} ms (${figure(
    s.cpuMs,
    5,
  )} ms CPU) ${figure(s.drsCalls, 5)} DRS ${figure(s.reads, 5)} R ${figure(
    s.writes,
    5,
  )} W`;
}
