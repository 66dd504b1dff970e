import {
  DescribeRecoverySnapshotsCommand,
  DescribeRecoverySnapshotsCommandInput,
  paginateDescribeRecoverySnapshots,
  RecoverySnapshot,
  StartRecoveryCommand,
  ThrottlingException,
} from '@aws-sdk/client-drs';
import { deriveSourceServerId } from './ids';
import {
  ACCOUNT,
  REGION,
  rejectionOf,
  START_TIME,
  useTestSimulator,
} from './__testUtils__/harness';

const WEB_1 = 's-1111111111111111a';
const APP_1 = deriveSourceServerId(ACCOUNT, REGION, 'app-1');
const minutesBefore = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) - minutes * 60_000).toISOString();

describe('DescribeRecoverySnapshots through the SDK', () => {
  const world = useTestSimulator();

  async function all(
    input: DescribeRecoverySnapshotsCommandInput,
    pageSize = 1000,
  ): Promise<RecoverySnapshot[]> {
    const items: RecoverySnapshot[] = [];
    for await (const page of paginateDescribeRecoverySnapshots(
      { client: world.drs, pageSize },
      input,
    )) {
      items.push(...page.items!);
    }
    return items;
  }

  it('a server stopped for ten days still has its last points in time, by the retention policy', async () => {
    world.simulator.setReplication({
      sourceServer: 'app-1',
      replicationState: 'STALLED',
      lagSeconds: 0,
    });
    const before = await all({ sourceServerID: APP_1 });
    world.simulator.advance(10 * 24 * 3600);
    const after = await all({ sourceServerID: APP_1 });
    expect(after).toEqual(before);

    // Counted back from its newest (11:50, completed before 12:00, when it stalled).
    const newest = minutesBefore(START_TIME, 10);
    const retained = new Set([
      ...[0, 10, 20, 30, 40, 50].map(m => minutesBefore(newest, m)),
      ...Array.from({ length: 24 }, (_, h) =>
        minutesBefore(START_TIME, (h + 1) * 60),
      ),
      ...Array.from({ length: 7 }, (_, d) =>
        minutesBefore(START_TIME, (d + 1) * 24 * 60),
      ),
    ]);
    expect(after.map(s => s.expectedTimestamp)).toEqual([...retained].sort());
    expect(after.every(s => s.timestamp && s.ebsSnapshots?.length)).toBe(true);
    expect(world.simulator.state().accounts[0].sourceServers[1]).toMatchObject({
      hostname: 'app-1',
      latestPointInTime: '2024-05-01T11:51:00.000Z',
    });
  });

  it('orders ASC by default or DESC, filters on expectedTimestamp, and pages', async () => {
    world.simulator.advance(3 * 3600);
    const ascending = await all({ sourceServerID: WEB_1 });
    const times = ascending.map(s => s.expectedTimestamp!);
    expect([...times].sort()).toEqual(times);
    expect(await all({ sourceServerID: WEB_1, order: 'ASC' })).toEqual(
      ascending,
    );
    expect(await all({ sourceServerID: WEB_1, order: 'DESC' })).toEqual(
      [...ascending].reverse(),
    );
    expect(await all({ sourceServerID: WEB_1 }, 4)).toEqual(ascending);

    const fromDateTime = '2024-05-01T14:20:00.000Z';
    const toDateTime = '2024-05-01T14:50:00.000Z';
    const window = await all({
      sourceServerID: WEB_1,
      filters: { fromDateTime, toDateTime },
      order: 'DESC',
    });
    expect(window.map(s => s.expectedTimestamp)).toEqual([
      '2024-05-01T14:50:00.000Z',
      '2024-05-01T14:40:00.000Z',
      '2024-05-01T14:30:00.000Z',
      '2024-05-01T14:20:00.000Z',
    ]);
    const { items, nextToken } = await world.drs.send(
      new DescribeRecoverySnapshotsCommand({
        sourceServerID: WEB_1,
        filters: { fromDateTime },
        maxResults: 2,
      }),
    );
    expect(items!.map(s => s.expectedTimestamp)).toEqual([
      '2024-05-01T14:20:00.000Z',
      '2024-05-01T14:30:00.000Z',
    ]);
    expect(nextToken).toEqual(expect.any(String));
  });

  it('lists snapshots still in progress, scheduled or taken by a launch, without a timestamp', async () => {
    world.simulator.advance(600);
    await world.drs.send(
      new StartRecoveryCommand({
        sourceServers: [{ sourceServerID: WEB_1 }],
        isDrill: true,
      }),
    );
    world.simulator.advance(10);
    const [launchSnapshot, scheduled] = await all({
      sourceServerID: WEB_1,
      order: 'DESC',
    });
    expect(launchSnapshot).toEqual({
      snapshotID: expect.stringMatching(/^pit-[0-9a-f]{17}$/),
      sourceServerID: WEB_1,
      expectedTimestamp: '2024-05-01T12:10:05.000Z',
    });
    expect(scheduled).toEqual({
      snapshotID: expect.stringMatching(/^pit-[0-9a-f]{17}$/),
      sourceServerID: WEB_1,
      expectedTimestamp: '2024-05-01T12:10:00.000Z',
    });
    world.simulator.advance(120);
    const completed = await all({ sourceServerID: WEB_1, order: 'DESC' });
    expect(completed[0].snapshotID).toBe(launchSnapshot.snapshotID);
    expect(completed[0].timestamp).toEqual(expect.any(String));
  });

  it('is throttled and delayed like every DRS call', async () => {
    world.simulator.setFaults({
      throttleShare: 1,
      throttleRetryAfterSeconds: 2,
    });
    const throttled = await rejectionOf(
      world.drs.send(
        new DescribeRecoverySnapshotsCommand({ sourceServerID: WEB_1 }),
      ),
    );
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect(throttled.retryAfterSeconds).toBe('2');

    world.simulator.setFaults({ throttleShare: 0, latencyMs: 150 });
    const started = Date.now();
    await world.drs.send(
      new DescribeRecoverySnapshotsCommand({ sourceServerID: WEB_1 }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(world.simulator.calls().byOperation.DescribeRecoverySnapshots).toBe(
      2,
    );
  });
});
