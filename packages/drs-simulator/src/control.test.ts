import {
  DescribeSourceServersCommand,
  DrsClient,
  StartRecoveryCommand,
  ThrottlingException,
} from '@aws-sdk/client-drs';
import { SimulatorHandle } from './index';
import {
  control,
  rejectionOf,
  START_TIME,
  startTestSimulator,
} from './__testUtils__/harness';

const WEB_1 = 's-1111111111111111a';

describe('the control API on /_sim/', () => {
  let simulator: SimulatorHandle;
  let drs: DrsClient;

  beforeAll(async () => {
    ({ simulator, drs } = await startTestSimulator());
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.close());

  it('GET /_sim/state shows clock, faults, quotas, servers, jobs and instances', async () => {
    await drs.send(
      new StartRecoveryCommand({ sourceServers: [{ sourceServerID: WEB_1 }] }),
    );
    const { status, json } = await control(simulator, 'GET', 'state');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      clock: 'manual',
      now: START_TIME,
      speed: 1,
      seed: 42,
      quotas: { maxServersPerJob: 100 },
      faults: { throttleShare: 0 },
    });
    expect(json.accounts.map((a: any) => `${a.accountId}/${a.region}`)).toEqual(
      [
        '111122223333/us-east-1',
        '444455556666/us-east-1',
        '111122223333/us-west-2',
      ],
    );
    expect(json.accounts[0].sourceServers[0]).toEqual({
      sourceServerID: WEB_1,
      hostname: 'web-1',
      replicationState: 'CONTINUOUS',
      lagSeconds: 12,
      latestPointInTime: '2024-05-01T11:51:00.000Z',
      lastLaunchResult: 'PENDING',
      replicationDirection: 'FAILOVER',
    });
    expect(json.accounts[0].jobs[0]).toMatchObject({
      type: 'LAUNCH',
      status: 'PENDING',
      participatingServers: [
        { sourceServerID: WEB_1, launchStatus: 'PENDING' },
      ],
    });
  });

  it('POST /_sim/clock/advance moves the manual clock', async () => {
    const { json } = await control(simulator, 'POST', 'clock/advance', {
      seconds: 90,
    });
    expect(json.now).toBe('2024-05-01T12:01:30.000Z');
    const bad = await control(simulator, 'POST', 'clock/advance', {
      seconds: -1,
    });
    expect(bad.status).toBe(400);
    const missing = await control(simulator, 'POST', 'clock/advance', {});
    expect(missing).toMatchObject({
      status: 400,
      json: { message: 'body must be {"seconds": <number>}' },
    });
  });

  it('POST /_sim/faults merges, validates and takes effect at once', async () => {
    const first = await control(simulator, 'POST', 'faults', {
      throttleShare: 1,
      throttleRetryAfterSeconds: 9,
    });
    expect(first.json.faults).toMatchObject({
      throttleShare: 1,
      throttleRetryAfterSeconds: 9,
    });
    const second = await control(simulator, 'POST', 'faults', { latencyMs: 5 });
    expect(second.json.faults).toMatchObject({
      throttleShare: 1,
      latencyMs: 5,
    });
    const error = await rejectionOf(
      drs.send(new DescribeSourceServersCommand({})),
    );
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.retryAfterSeconds).toBe('9');

    const invalid = await control(simulator, 'POST', 'faults', {
      throttleShare: 2,
    });
    expect(invalid).toMatchObject({
      status: 400,
      json: { message: 'throttleShare must be a number from 0 to 1' },
    });
    const unknown = await control(simulator, 'POST', 'faults', {
      explode: true,
    });
    expect(unknown.status).toBe(400);
    for (const [fault, message] of [
      [
        { failServers: { 'web-1': 'boot' } },
        'failServers.web-1 must be launch or cleanup, got "boot"',
      ],
      [
        { automationFaults: ['Checkout-SmokeTest'] },
        'automationFaults must map an automation document name to success or fail or timeout or hang',
      ],
      [
        { failStatusChecks: { 'web-1': 'both' } },
        'failStatusChecks.web-1 must be instance or system, got "both"',
      ],
      [
        { failStackResources: { PlansTable: 'delete' } },
        'failStackResources.PlansTable must be create or update, got "delete"',
      ],
    ] as const) {
      expect(await control(simulator, 'POST', 'faults', fault)).toMatchObject({
        status: 400,
        json: { message },
      });
    }
  });

  it('POST /_sim/replication changes a server’s replication state and lag', async () => {
    const { status, json } = await control(simulator, 'POST', 'replication', {
      sourceServer: 'web-1',
      replicationState: 'STALLED',
      lagSeconds: 300,
    });
    expect(status).toBe(200);
    expect(json).toMatchObject({
      replicationState: 'STALLED',
      lagSeconds: 300,
    });

    await control(simulator, 'POST', 'clock/advance', { seconds: 60 });
    const { items } = await drs.send(
      new DescribeSourceServersCommand({
        filters: { sourceServerIDs: [WEB_1] },
      }),
    );
    expect(items![0].dataReplicationInfo).toMatchObject({
      dataReplicationState: 'STALLED',
      lagDuration: 'PT360S',
    });

    const ambiguous = await control(simulator, 'POST', 'replication', {
      sourceServer: 'nope-1',
      replicationState: 'STALLED',
    });
    expect(ambiguous.status).toBe(400);
    const badState = await control(simulator, 'POST', 'replication', {
      sourceServer: 'web-1',
      replicationState: 'SLEEPING',
    });
    expect(badState.status).toBe(400);
  });

  it('POST /_sim/replication stops every server with a tag at once, or those listed', async () => {
    const { status, json } = await control(simulator, 'POST', 'replication', {
      tags: { Application: 'app' },
      replicationState: 'STALLED',
    });
    expect(status).toBe(200);
    expect(json.sourceServers.map((s: any) => s.hostname)).toEqual([
      'app-1',
      'app-2',
      'app-3',
      'app-4',
      'app-5',
    ]);
    expect(
      json.sourceServers.every((s: any) => s.replicationState === 'STALLED'),
    ).toBe(true);
    const { items } = await drs.send(new DescribeSourceServersCommand({}));
    expect(
      items!
        .filter(s => s.tags?.Application === 'app')
        .map(s => s.dataReplicationInfo!.dataReplicationState),
    ).toEqual(Array(5).fill('STALLED'));

    const listed = await control(simulator, 'POST', 'replication', {
      sourceServers: ['app-1', WEB_1],
      replicationState: 'DISCONNECTED',
    });
    expect(
      listed.json.sourceServers.map((s: any) => [
        s.hostname,
        s.replicationState,
      ]),
    ).toEqual([
      ['app-1', 'DISCONNECTED'],
      ['web-1', 'DISCONNECTED'],
    ]);
    const west = simulator.setServersReplication({
      tags: { Application: 'west' },
      region: 'us-west-2',
      replicationState: 'PAUSED',
    });
    expect(west.map(s => s.hostname)).toEqual(['west-1', 'west-2', 'west-3']);

    for (const bad of [
      { replicationState: 'STALLED' },
      { sourceServer: 'web-1', tags: { Application: 'app' } },
      { tags: {} },
      { tags: { Application: 'nobody' } },
      { sourceServers: [] },
      { sourceServers: ['app-1', 'nope-1'] },
    ]) {
      expect(
        (await control(simulator, 'POST', 'replication', bad)).status,
      ).toBe(400);
    }
  });

  it('GET /_sim/calls and POST /_sim/reset', async () => {
    await drs.send(
      new StartRecoveryCommand({ sourceServers: [{ sourceServerID: WEB_1 }] }),
    );
    const calls = await control(simulator, 'GET', 'calls');
    expect(calls.json).toMatchObject({
      total: 1,
      byOperation: { StartRecovery: 1 },
      startRecoveryBySourceServer: { [WEB_1]: 1 },
    });
    await control(simulator, 'POST', 'faults', { throttleShare: 1 });
    await control(simulator, 'POST', 'clock/advance', { seconds: 600 });

    const reset = await control(simulator, 'POST', 'reset');
    expect(reset.json.now).toBe(START_TIME);
    const state = await control(simulator, 'GET', 'state');
    expect(state.json.faults.throttleShare).toBe(0);
    expect(state.json.accounts[0].jobs).toEqual([]);
    expect((await control(simulator, 'GET', 'calls')).json.total).toBe(0);
  });

  it('answers unknown routes with the list of routes', async () => {
    const { status, json } = await control(simulator, 'GET', 'nothing');
    expect(status).toBe(404);
    expect(json.routes).toContain('POST /_sim/faults');
  });
});
