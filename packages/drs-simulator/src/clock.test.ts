import { DescribeJobsCommand, StartRecoveryCommand } from '@aws-sdk/client-drs';
import { createClock } from './clock';
import { drsClient, startTestSimulator } from './__testUtils__/harness';

describe('clocks', () => {
  it('the manual clock moves only when advanced, and resets to its start', () => {
    const clock = createClock('manual', 1_000_000);
    expect(clock.now()).toBe(1_000_000);
    clock.advance(1.5);
    expect(clock.now()).toBe(1_001_500);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    clock.reset();
    expect(clock.now()).toBe(1_000_000);
  });

  it('the real clock follows the wall clock, and advancing skips ahead', () => {
    const clock = createClock('real', 0);
    const before = Date.now();
    clock.advance(3600);
    expect(clock.now()).toBeGreaterThanOrEqual(before + 3_600_000);
    clock.reset();
    expect(clock.now()).toBeLessThan(before + 3_600_000);
  });

  it('under the real clock a fast simulator completes a job without anyone advancing time', async () => {
    const { simulator } = await startTestSimulator({
      clock: 'real',
      speed: 2000,
    });
    try {
      const drs = drsClient(simulator);
      const { job } = await drs.send(
        new StartRecoveryCommand({
          sourceServers: [{ sourceServerID: 's-1111111111111111a' }],
        }),
      );
      // A job is under 560 simulated seconds: about 0.3 s at speed 2000.
      let status = job!.status;
      for (let poll = 0; poll < 40 && status !== 'COMPLETED'; poll++) {
        await new Promise(resolve => setTimeout(resolve, 50));
        const { items } = await drs.send(
          new DescribeJobsCommand({ filters: { jobIDs: [job!.jobID!] } }),
        );
        status = items![0].status;
      }
      expect(status).toBe('COMPLETED');
    } finally {
      await simulator.close();
    }
  });
});
