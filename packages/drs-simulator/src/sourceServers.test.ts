import {
  DescribeRecoverySnapshotsCommand,
  DescribeSourceServersCommand,
  DrsClient,
  GetLaunchConfigurationCommand,
  paginateDescribeRecoverySnapshots,
  paginateDescribeSourceServers,
  ResourceNotFoundException,
  StartRecoveryCommand,
  UninitializedAccountException,
} from '@aws-sdk/client-drs';
import { deriveSourceServerId } from './ids';
import { SimulatorHandle, SNAPSHOT_BASE_SECONDS } from './index';
import {
  ACCOUNT,
  drsClient,
  OTHER_ACCOUNT,
  rejectionOf,
  START_TIME,
  startTestSimulator,
} from './__testUtils__/harness';

const WEB_1 = 's-1111111111111111a';

describe('source servers, launch configuration and snapshots through the SDK', () => {
  let simulator: SimulatorHandle;
  let drs: DrsClient;

  beforeAll(async () => {
    ({ simulator, drs } = await startTestSimulator());
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.close());

  it('lists the region’s servers with inventory tags, lag and replication state', async () => {
    const { items, nextToken } = await drs.send(
      new DescribeSourceServersCommand({}),
    );
    expect(nextToken).toBeUndefined();
    expect(
      items!.map(s => s.sourceProperties!.identificationHints!.hostname),
    ).toEqual([
      'web-1',
      'app-1',
      'app-2',
      'app-3',
      'app-4',
      'app-5',
      'stalled-1',
      'doomed-1',
    ]);
    const [web, app1] = items!;
    expect(web).toMatchObject({
      sourceServerID: WEB_1,
      arn: `arn:aws:drs:us-east-1:${ACCOUNT}:source-server/${WEB_1}`,
      tags: { Application: 'shop', Tier: 'web' },
      lastLaunchResult: 'NOT_STARTED',
      replicationDirection: 'FAILOVER',
      dataReplicationInfo: {
        dataReplicationState: 'CONTINUOUS',
        lagDuration: 'PT12S',
      },
    });
    expect(app1.sourceServerID).toBe(
      deriveSourceServerId(ACCOUNT, 'us-east-1', 'app-1'),
    );
    const stalled = items!.find(
      s => s.sourceProperties!.identificationHints!.hostname === 'stalled-1',
    )!;
    expect(stalled.dataReplicationInfo).toMatchObject({
      dataReplicationState: 'STALLED',
      lagDuration: 'PT5400S',
      dataReplicationError: { error: 'UNSTABLE_NETWORK' },
    });
  });

  it('a stalled server’s lag keeps growing with time', async () => {
    simulator.advance(600);
    const { items } = await drs.send(new DescribeSourceServersCommand({}));
    const lags = Object.fromEntries(
      items!.map(s => [
        s.sourceProperties!.identificationHints!.hostname,
        s.dataReplicationInfo!.lagDuration,
      ]),
    );
    expect(lags['stalled-1']).toBe('PT6000S');
    expect(lags['web-1']).toBe('PT12S');
  });

  it('filters by sourceServerIDs, hardwareId and stagingAccountIDs', async () => {
    const appId = deriveSourceServerId(ACCOUNT, 'us-east-1', 'app-2');
    const { items: byIds } = await drs.send(
      new DescribeSourceServersCommand({
        filters: { sourceServerIDs: [appId, WEB_1, 's-00000000000000000'] },
      }),
    );
    expect(byIds!.map(s => s.sourceServerID)).toEqual([WEB_1, appId]);

    const mac =
      byIds![1].sourceProperties!.networkInterfaces![0].macAddress!.toUpperCase();
    const { items: byHardware } = await drs.send(
      new DescribeSourceServersCommand({ filters: { hardwareId: mac } }),
    );
    expect(byHardware!.map(s => s.sourceServerID)).toEqual([appId]);

    const { items: staged } = await drs.send(
      new DescribeSourceServersCommand({
        filters: { stagingAccountIDs: ['999999999999'] },
      }),
    );
    expect(staged).toEqual([]);
  });

  it('pages with paginateDescribeSourceServers', async () => {
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const page of paginateDescribeSourceServers(
      { client: drs, pageSize: 3 },
      {},
    )) {
      pages.push(page.items!.length);
      ids.push(...page.items!.map(s => s.sourceServerID!));
    }
    expect(pages).toEqual([3, 3, 2]);
    expect(new Set(ids).size).toBe(8);
  });

  it('a request sees only its region (from the SigV4 credential scope) and account', async () => {
    const west = drsClient(simulator, { region: 'us-west-2' });
    const { items: westServers } = await west.send(
      new DescribeSourceServersCommand({}),
    );
    expect(westServers!.map(s => s.arn!.split(':')[3])).toEqual([
      'us-west-2',
      'us-west-2',
      'us-west-2',
    ]);
    // Two accounts in us-east-1: the access key ID picks one, else the first listed answers.
    const other = drsClient(simulator, { accessKeyId: OTHER_ACCOUNT });
    const { items: otherServers } = await other.send(
      new DescribeSourceServersCommand({}),
    );
    expect(otherServers!.map(s => s.arn!.split(':')[4])).toEqual([
      OTHER_ACCOUNT,
      OTHER_ACCOUNT,
    ]);
    const error = await rejectionOf(
      other.send(
        new StartRecoveryCommand({
          sourceServers: [{ sourceServerID: WEB_1 }],
        }),
      ),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('a region without an inventory account is not initialized', async () => {
    const error = await rejectionOf(
      drsClient(simulator, { region: 'eu-west-1' }).send(
        new DescribeSourceServersCommand({}),
      ),
    );
    expect(error).toBeInstanceOf(UninitializedAccountException);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('GetLaunchConfiguration answers for a known server and 404s an unknown one', async () => {
    const config = await drs.send(
      new GetLaunchConfigurationCommand({ sourceServerID: WEB_1 }),
    );
    expect(config).toMatchObject({
      sourceServerID: WEB_1,
      name: 'web-1',
      ec2LaunchTemplateID: expect.stringMatching(/^lt-[0-9a-f]{17}$/),
      launchDisposition: 'STARTED',
      targetInstanceTypeRightSizingMethod: 'BASIC',
      copyTags: true,
    });
    const error = await rejectionOf(
      drs.send(
        new GetLaunchConfigurationCommand({
          sourceServerID: 's-00000000000000000',
        }),
      ),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({
      resourceId: 's-00000000000000000',
      resourceType: 'SOURCE_SERVER',
    });
  });

  it('DescribeRecoverySnapshots: the newest is in progress without a timestamp, then completes', async () => {
    const read = async () =>
      (
        await drs.send(
          new DescribeRecoverySnapshotsCommand({
            sourceServerID: WEB_1,
            order: 'DESC',
          }),
        )
      ).items!;
    const [newest, previous] = await read();
    expect(newest).toMatchObject({
      snapshotID: expect.stringMatching(/^pit-[0-9a-f]{17}$/),
      sourceServerID: WEB_1,
      expectedTimestamp: '2024-05-01T12:00:00.000Z',
    });
    expect(newest.timestamp).toBeUndefined();
    expect(previous.timestamp).toBeDefined();
    expect(previous.ebsSnapshots![0]).toMatch(/^snap-[0-9a-f]{17}$/);

    simulator.advance(SNAPSHOT_BASE_SECONDS.completion);
    const [completed] = await read();
    expect(completed.snapshotID).toBe(newest.snapshotID);
    expect(completed.timestamp).toBe('2024-05-01T12:01:00.000Z');
  });

  it('DescribeRecoverySnapshots orders, filters by date and pages', async () => {
    const ascending = [];
    for await (const page of paginateDescribeRecoverySnapshots(
      { client: drs, pageSize: 5 },
      { sourceServerID: WEB_1 },
    )) {
      ascending.push(...page.items!);
    }
    // DRS's default retention: every 10 minutes for an hour, hourly for a day, daily for a week.
    const minutesAgo = (minutes: number) =>
      new Date(Date.parse(START_TIME) - minutes * 60_000).toISOString();
    const retained = new Set([
      ...[0, 10, 20, 30, 40, 50].map(minutesAgo),
      ...Array.from({ length: 24 }, (_, hour) => minutesAgo(hour * 60)),
      ...Array.from({ length: 7 }, (_, day) => minutesAgo(day * 24 * 60)),
    ]);
    const expected = ascending.map(s => s.expectedTimestamp!);
    expect(expected).toEqual([...retained].sort());

    const { items: window } = await drs.send(
      new DescribeRecoverySnapshotsCommand({
        sourceServerID: WEB_1,
        filters: { fromDateTime: expected[2], toDateTime: expected[4] },
      }),
    );
    expect(window!.map(s => s.expectedTimestamp)).toEqual(expected.slice(2, 5));

    const error = await rejectionOf(
      drs.send(
        new DescribeRecoverySnapshotsCommand({
          sourceServerID: 's-00000000000000000',
        }),
      ),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('a stalled server has no snapshots after replication stopped', async () => {
    const { items: servers } = await drs.send(
      new DescribeSourceServersCommand({}),
    );
    const stalled = servers!.find(
      s => s.dataReplicationInfo!.dataReplicationState === 'STALLED',
    )!;
    simulator.advance(SNAPSHOT_BASE_SECONDS.interval * 3);
    const { items } = await drs.send(
      new DescribeRecoverySnapshotsCommand({
        sourceServerID: stalled.sourceServerID,
        order: 'DESC',
      }),
    );
    const stoppedAt = Date.parse('2024-05-01T12:00:00.000Z') - 5400 * 1000;
    expect(Date.parse(items![0].timestamp!)).toBeLessThanOrEqual(stoppedAt);
  });
});
