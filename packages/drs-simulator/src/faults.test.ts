import {
  DescribeJobLogItemsCommand,
  DescribeJobsCommand,
  DescribeRecoveryInstancesCommand,
  DescribeSourceServersCommand,
  DrsClient,
  InternalServerException,
  StartRecoveryCommand,
  ThrottlingException,
} from '@aws-sdk/client-drs';
import { deriveSourceServerId } from './ids';
import { JOB_PHASE_BASE_SECONDS, SimulatorHandle } from './index';
import {
  ACCOUNT,
  describeJob,
  drsClient,
  pollUntilCompleted,
  rejectionOf,
  startTestSimulator,
} from './__testUtils__/harness';

const WEB_1 = 's-1111111111111111a';
const app = (n: number) =>
  deriveSourceServerId(ACCOUNT, 'us-east-1', `app-${n}`);
const DOOMED = deriveSourceServerId(ACCOUNT, 'us-east-1', 'doomed-1');

describe('faults and the traps real DRS sets', () => {
  let simulator: SimulatorHandle;
  let drs: DrsClient;

  beforeAll(async () => {
    ({ simulator, drs } = await startTestSimulator());
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.close());

  const drill = async (ids: string[]) =>
    (
      await drs.send(
        new StartRecoveryCommand({
          sourceServers: ids.map(sourceServerID => ({ sourceServerID })),
          isDrill: true,
        }),
      )
    ).job!;

  it('throttles with a modeled ThrottlingException carrying retryAfterSeconds', async () => {
    simulator.setFaults({ throttleShare: 1, throttleRetryAfterSeconds: 7 });
    const error = await rejectionOf(drs.send(new DescribeJobsCommand({})));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.retryAfterSeconds).toBe('7');
    expect(error.$metadata.httpStatusCode).toBe(429);
    expect(error.message).toBe('Rate exceeded');
    expect(simulator.calls().injected.throttled).toBe(1);
  });

  it('throttles a deterministic share of calls for a given seed', async () => {
    simulator.setFaults({ throttleShare: 0.5 });
    const outcomes = async () => {
      const results: boolean[] = [];
      for (let i = 0; i < 20; i++) {
        results.push(
          await drs.send(new DescribeJobsCommand({})).then(
            () => true,
            () => false,
          ),
        );
      }
      return results;
    };
    const first = await outcomes();
    simulator.reset();
    simulator.setFaults({ throttleShare: 0.5 });
    expect(await outcomes()).toEqual(first);
    expect(first.filter(ok => !ok).length).toBeGreaterThan(3);
    expect(first.filter(ok => ok).length).toBeGreaterThan(3);
  });

  it('the SDK’s own retries get through once the throttle is lifted', async () => {
    simulator.setFaults({ throttleShare: 1, throttleRetryAfterSeconds: 0 });
    const retrying = drsClient(simulator, { maxAttempts: 3 });
    const call = retrying.send(new DescribeSourceServersCommand({}));
    for (
      let i = 0;
      i < 200 && simulator.calls().injected.throttled === 0;
      i++
    ) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    expect(simulator.calls().injected.throttled).toBe(1);
    simulator.setFaults({ throttleShare: 0 });
    await expect(call).resolves.toMatchObject({ items: expect.any(Array) });
    expect(simulator.calls().byOperation.DescribeSourceServers).toBe(2);
  });

  it('answers 500 InternalServerException and does nothing', async () => {
    simulator.setFaults({ internalErrorShare: 1 });
    const error = await rejectionOf(drill([WEB_1]));
    expect(error).toBeInstanceOf(InternalServerException);
    expect(error.$metadata.httpStatusCode).toBe(500);
    simulator.setFaults({ internalErrorShare: 0 });
    expect((await drs.send(new DescribeJobsCommand({}))).items).toEqual([]);
    expect(simulator.calls().startRecoveryBySourceServer).toEqual({});
  });

  it('can answer 500 after the job was created: the ambiguous failure', async () => {
    simulator.setFaults({ internalErrorAfterCommitShare: 1 });
    const error = await rejectionOf(drill([WEB_1]));
    expect(error).toBeInstanceOf(InternalServerException);
    const { items } = await drs.send(new DescribeJobsCommand({}));
    expect(items).toHaveLength(1);
    expect(items![0].participatingServers![0].sourceServerID).toBe(WEB_1);
    expect(simulator.calls().launchesBySourceServer).toEqual({ [WEB_1]: 1 });
  });

  it('adds latency to DRS calls', async () => {
    simulator.setFaults({ latencyMs: 250 });
    const started = Date.now();
    await drs.send(new DescribeJobsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('a job COMPLETES with a server FAILED at launch (inventory failAt)', async () => {
    const job = await drill([DOOMED, app(1)]);
    const done = await pollUntilCompleted(simulator, drs, job.jobID!);
    expect(done.status).toBe('COMPLETED');
    expect(done.participatingServers).toEqual([
      { sourceServerID: DOOMED, launchStatus: 'FAILED' },
      {
        sourceServerID: app(1),
        launchStatus: 'LAUNCHED',
        recoveryInstanceID: expect.stringMatching(/^i-/),
      },
    ]);
    const { items: logs } = await drs.send(
      new DescribeJobLogItemsCommand({ jobID: job.jobID }),
    );
    const failed = logs!.find(l => l.event === 'LAUNCH_FAILED')!;
    expect(failed.eventData!.sourceServerID).toBe(DOOMED);
    const { items: instances } = await drs.send(
      new DescribeRecoveryInstancesCommand({
        filters: { sourceServerIDs: [DOOMED] },
      }),
    );
    expect(instances).toEqual([]);
    const { items: sources } = await drs.send(
      new DescribeSourceServersCommand({
        filters: { sourceServerIDs: [DOOMED] },
      }),
    );
    expect(sources![0].lastLaunchResult).toBe('FAILED');
  });

  it('a server shows LAUNCHED, then FAILS in cleanup before the job completes', async () => {
    simulator.setFaults({ failServers: { 'app-2': 'cleanup' } });
    const job = await drill([app(2), app(3)]);
    const seen: string[] = [];
    let current = await describeJob(drs, job.jobID!);
    while (current.status !== 'COMPLETED') {
      const status = current.participatingServers![0].launchStatus!;
      if (seen[seen.length - 1] !== status) seen.push(status);
      simulator.advance(5);
      current = await describeJob(drs, job.jobID!);
    }
    expect(seen).toEqual(['PENDING', 'IN_PROGRESS', 'LAUNCHED', 'FAILED']);
    expect(current.participatingServers!.map(p => p.launchStatus)).toEqual([
      'FAILED',
      'LAUNCHED',
    ]);
    const { items: logs } = await drs.send(
      new DescribeJobLogItemsCommand({ jobID: job.jobID }),
    );
    expect(
      logs!
        .filter(l => l.event === 'CLEANUP_FAIL')
        .map(l => l.eventData!.sourceServerID),
    ).toEqual([app(2)]);
  });

  it('fails a server named by ID at launch, only in jobs started after the fault was set', async () => {
    const before = await drill([app(4)]);
    simulator.setFaults({ failServers: { [app(4)]: 'launch' } });
    expect(
      (await pollUntilCompleted(simulator, drs, before.jobID!))
        .participatingServers![0].launchStatus,
    ).toBe('LAUNCHED');
    const after = await drill([app(4)]);
    expect(
      (await pollUntilCompleted(simulator, drs, after.jobID!))
        .participatingServers![0].launchStatus,
    ).toBe('FAILED');
  });

  it('hangs jobs: they stay STARTED forever', async () => {
    simulator.setFaults({ hangJobShare: 1 });
    const job = await drill([app(1)]);
    simulator.advance(24 * 3600);
    const hung = await describeJob(drs, job.jobID!);
    expect(hung.status).toBe('STARTED');
    expect(hung.participatingServers![0].launchStatus).toBe('IN_PROGRESS');
    expect(simulator.state().accounts[0].jobs[0].hangs).toBe(true);
  });

  it('can leave recoveryInstanceID out of the job; DescribeRecoveryInstances still finds the instance', async () => {
    simulator.setFaults({ missingRecoveryInstanceIdShare: 1 });
    const job = await drill([app(1), app(2)]);
    const done = await pollUntilCompleted(simulator, drs, job.jobID!);
    expect(done.participatingServers!.map(p => p.launchStatus)).toEqual([
      'LAUNCHED',
      'LAUNCHED',
    ]);
    expect(done.participatingServers!.map(p => p.recoveryInstanceID)).toEqual([
      undefined,
      undefined,
    ]);
    const { items } = await drs.send(
      new DescribeRecoveryInstancesCommand({
        filters: { sourceServerIDs: [app(1), app(2)] },
      }),
    );
    expect(items!.map(i => i.sourceServerID).sort()).toEqual(
      [app(1), app(2)].sort(),
    );
  });

  it('leaves out a deterministic share of recoveryInstanceIDs for a given seed', async () => {
    const missing = async () => {
      simulator.reset();
      simulator.setFaults({ missingRecoveryInstanceIdShare: 0.5 });
      const job = await drill([WEB_1, app(1), app(2), app(3), app(4), app(5)]);
      const done = await pollUntilCompleted(simulator, drs, job.jobID!);
      return done.participatingServers!.map(
        p => p.recoveryInstanceID === undefined,
      );
    };
    const first = await missing();
    expect(await missing()).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
  });

  it('counts calls per operation and StartRecovery calls per source server', async () => {
    await drill([WEB_1, app(1)]);
    await rejectionOf(drill([WEB_1])); // refused: WEB_1 is busy, but the call touched it
    await drs.send(new DescribeJobsCommand({}));
    simulator.setFaults({ throttleShare: 1 });
    await rejectionOf(drill([app(5)])); // dropped before DRS logic
    expect(simulator.calls()).toEqual({
      total: 4,
      byOperation: { StartRecovery: 3, DescribeJobs: 1 },
      injected: { throttled: 1, internalErrors: 0 },
      startRecoveryBySourceServer: { [WEB_1]: 2, [app(1)]: 1 },
      launchesBySourceServer: { [WEB_1]: 1, [app(1)]: 1 },
      reverseReplicationByRecoveryInstance: {},
      reversalsByRecoveryInstance: {},
      startAutomationByClientToken: {},
      automationsByClientToken: {},
      automationsByDocument: {},
      metricData: [],
    });
  });

  it('phases scale with speed', async () => {
    const fast = await startTestSimulator({ speed: 20 });
    try {
      const { job } = await fast.drs.send(
        new StartRecoveryCommand({
          sourceServers: [{ sourceServerID: WEB_1 }],
        }),
      );
      const phases = JOB_PHASE_BASE_SECONDS;
      const slowest =
        phases.pending +
        (phases.snapshot + phases.conversion + phases.launch) * 1.3 +
        phases.cleanup;
      fast.simulator.advance(Math.ceil(slowest / 20));
      expect((await describeJob(fast.drs, job!.jobID!)).status).toBe(
        'COMPLETED',
      );
    } finally {
      await fast.simulator.close();
    }
  });
});
