import {
  DescribeJobsCommand,
  DescribeRecoveryInstancesCommand,
  DrsClient,
  Job,
  paginateDescribeSourceServers,
  SourceServer,
  StartRecoveryCommand,
  TerminateRecoveryInstancesCommand,
} from '@aws-sdk/client-drs';
import { SimulatorHandle, startSimulator } from './index';
import { drsClient, servers } from './__testUtils__/harness';

const WAVES = ['db', 'app', 'web'];

describe('a 3-wave, 30-server drill driven only through the SDK and the manual clock', () => {
  let simulator: SimulatorHandle;
  let drs: DrsClient;

  beforeAll(async () => {
    simulator = await startSimulator({
      inventory: {
        accounts: [
          {
            accountId: '111122223333',
            region: 'us-east-1',
            sourceServers: WAVES.flatMap(tier =>
              servers(`checkout-${tier}`, 10).map(server => ({
                ...server,
                tags: { Application: 'checkout', Tier: tier },
              })),
            ),
          },
        ],
      },
      clock: 'manual',
      seed: 7,
      // One server in three hides its recovery instance ID, as real DRS sometimes does.
      faults: { missingRecoveryInstanceIdShare: 0.3 },
    });
    drs = drsClient(simulator);
  });
  afterAll(() => simulator.close());
  jest.setTimeout(30_000);

  /** Polls DescribeJobs every 15 simulated seconds until the job completes. */
  async function waitForJob(jobID: string): Promise<Job> {
    for (let poll = 0; poll < 100; poll++) {
      const { items } = await drs.send(
        new DescribeJobsCommand({ filters: { jobIDs: [jobID] } }),
      );
      if (items![0].status === 'COMPLETED') return items![0];
      simulator.advance(15);
    }
    throw new Error(`job ${jobID} never completed`);
  }

  it('launches every wave in order, finds every instance, then terminates them all', async () => {
    const inventory: SourceServer[] = [];
    for await (const page of paginateDescribeSourceServers(
      { client: drs, pageSize: 7 },
      {},
    )) {
      inventory.push(...page.items!);
    }
    expect(inventory).toHaveLength(30);

    const instanceBySource = new Map<string, string>();
    let missingIds = 0;
    const waveWindows: { start: string; end: string }[] = [];
    for (const tier of WAVES) {
      const wave = inventory
        .filter(server => server.tags?.Tier === tier)
        .map(server => server.sourceServerID!);
      expect(wave).toHaveLength(10);
      const { job } = await drs.send(
        new StartRecoveryCommand({
          sourceServers: wave.map(sourceServerID => ({ sourceServerID })),
          isDrill: true,
          tags: { Wave: tier },
        }),
      );
      const done = await waitForJob(job!.jobID!);
      // COMPLETED is not success: every server must be LAUNCHED.
      expect(done.participatingServers!.map(p => p.launchStatus)).toEqual(
        Array(10).fill('LAUNCHED'),
      );
      waveWindows.push({
        start: done.creationDateTime!,
        end: done.endDateTime!,
      });

      const missing = done.participatingServers!.filter(
        p => !p.recoveryInstanceID,
      );
      const { items: found } = await drs.send(
        new DescribeRecoveryInstancesCommand({
          filters: { sourceServerIDs: wave },
        }),
      );
      expect(found).toHaveLength(10);
      for (const instance of found!) {
        instanceBySource.set(
          instance.sourceServerID!,
          instance.recoveryInstanceID!,
        );
      }
      const reported = done.participatingServers!.filter(
        p => p.recoveryInstanceID,
      );
      expect(
        reported.map(p => instanceBySource.get(p.sourceServerID!)),
      ).toEqual(reported.map(p => p.recoveryInstanceID));
      missingIds += missing.length;
    }
    // The trap fired, and the DescribeRecoveryInstances fallback covered it.
    expect(missingIds).toBeGreaterThan(0);
    // Each wave started only after the previous one ended.
    expect(waveWindows[1].start >= waveWindows[0].end).toBe(true);
    expect(waveWindows[2].start >= waveWindows[1].end).toBe(true);
    expect(instanceBySource.size).toBe(30);

    const { job: termination } = await drs.send(
      new TerminateRecoveryInstancesCommand({
        recoveryInstanceIDs: [...instanceBySource.values()],
      }),
    );
    const terminated = await waitForJob(termination!.jobID!);
    expect(
      new Set(terminated.participatingServers!.map(p => p.launchStatus)),
    ).toEqual(new Set(['TERMINATED']));
    const { items: left } = await drs.send(
      new DescribeRecoveryInstancesCommand({}),
    );
    expect(left).toEqual([]);

    const calls = simulator.calls();
    expect(Object.values(calls.launchesBySourceServer)).toEqual(
      Array(30).fill(1),
    );
    expect(calls.byOperation.StartRecovery).toBe(3);
  });
});
