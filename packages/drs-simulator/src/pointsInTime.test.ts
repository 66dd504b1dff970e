import {
  ConflictException,
  DescribeJobLogItemsCommand,
  DescribeRecoveryInstancesCommand,
  DescribeRecoverySnapshotsCommand,
  JobLog,
  RecoverySnapshot,
  StartRecoveryCommand,
  StartRecoveryRequestSourceServer,
  ValidationException,
} from '@aws-sdk/client-drs';
import { deriveSourceServerId } from './ids';
import { SimulatorInventory } from './index';
import { enumValues, loadServiceModel } from './model';
import {
  ACCOUNT,
  pollUntilCompleted,
  REGION,
  rejectionOf,
  START_TIME,
  useTestSimulator,
} from './__testUtils__/harness';

const STATES = enumValues(loadServiceModel(), 'DataReplicationState');

/** What a RECOVERY without `recoverySnapshotID` does in each state (the README's table). */
const LAUNCH_IN_STATE: Record<string, 'on-demand' | 'previous' | 'refused'> = {
  CONTINUOUS: 'on-demand',
  BACKLOG: 'on-demand',
  CREATING_SNAPSHOT: 'on-demand',
  RESCAN: 'on-demand',
  PAUSED: 'previous',
  STALLED: 'previous',
  DISCONNECTED: 'previous',
  INITIATING: 'previous',
  INITIAL_SYNC: 'previous',
  STOPPED: 'refused',
};

const hostOf = (state: string) => `pit-${state.toLowerCase()}`;
const idOf = (hostname: string) =>
  deriveSourceServerId(ACCOUNT, REGION, hostname);

/** One replicating server per replication state, and two that never finished their initial sync. */
const INVENTORY: SimulatorInventory = {
  accounts: [
    {
      accountId: ACCOUNT,
      region: REGION,
      sourceServers: [
        ...STATES.map(state => ({ hostname: hostOf(state), lagSeconds: 5 })),
        { hostname: 'new-initiating', replicationState: 'INITIATING' },
        { hostname: 'new-syncing', replicationState: 'INITIAL_SYNC' },
      ],
    },
  ],
};

describe('recoveries by replication state and point in time', () => {
  const world = useTestSimulator({ inventory: INVENTORY });

  /** After `seconds`, the server turns `replicationState` (stopping `lagSeconds` earlier). */
  function changeAfter(
    seconds: number,
    hostname: string,
    replicationState: string,
    lagSeconds?: number,
  ) {
    world.simulator.advance(seconds);
    world.simulator.setReplication({
      sourceServer: hostname,
      replicationState,
      lagSeconds,
    });
  }

  const recover = (sourceServers: StartRecoveryRequestSourceServer[]) =>
    world.drs.send(new StartRecoveryCommand({ sourceServers, isDrill: false }));

  async function snapshotsOf(hostname: string): Promise<RecoverySnapshot[]> {
    const { items } = await world.drs.send(
      new DescribeRecoverySnapshotsCommand({
        sourceServerID: idOf(hostname),
        order: 'DESC',
      }),
    );
    return items!;
  }

  const newestCompleted = async (hostname: string) =>
    (await snapshotsOf(hostname)).find(s => s.timestamp);

  async function logOf(jobID: string, hostname: string): Promise<JobLog[]> {
    const { items } = await world.drs.send(
      new DescribeJobLogItemsCommand({ jobID }),
    );
    return items!.filter(i => i.eventData?.sourceServerID === idOf(hostname));
  }

  async function pointInTimeOf(hostname: string) {
    const { items } = await world.drs.send(
      new DescribeRecoveryInstancesCommand({
        filters: { sourceServerIDs: [idOf(hostname)] },
      }),
    );
    return items![0].pointInTimeSnapshotDateTime;
  }

  it('covers every replication state of the model', () => {
    expect(Object.keys(LAUNCH_IN_STATE).sort()).toEqual([...STATES].sort());
  });

  it('for every replication state, launches from a new snapshot, the last one, or refuses', async () => {
    world.simulator.advance(3600);
    for (const state of STATES) changeAfter(0, hostOf(state), state, 600);
    const stoppedAt = Date.parse(START_TIME) + 3000 * 1000;

    const refused = await rejectionOf(
      recover([{ sourceServerID: idOf(hostOf('STOPPED')) }]),
    );
    expect(refused).toBeInstanceOf(ConflictException);
    expect(refused.message).toContain('no completed point-in-time snapshot');
    expect(await snapshotsOf(hostOf('STOPPED'))).toEqual([]);

    const launched = STATES.filter(s => LAUNCH_IN_STATE[s] !== 'refused');
    const previous = new Map<string, string | undefined>();
    for (const state of launched) {
      previous.set(state, (await newestCompleted(hostOf(state)))?.timestamp);
    }
    const { job } = await recover(
      launched.map(state => ({ sourceServerID: idOf(hostOf(state)) })),
    );
    await pollUntilCompleted(world.simulator, world.drs, job!.jobID!);

    const observed: Record<string, object> = {};
    const expected: Record<string, object> = {};
    for (const state of launched) {
      const hostname = hostOf(state);
      const events = await logOf(job!.jobID!, hostname);
      const kinds = events.map(e => e.event);
      const usesPrevious = kinds.includes('USING_PREVIOUS_SNAPSHOT');
      const takesNew =
        kinds.includes('SNAPSHOT_START') && kinds.includes('SNAPSHOT_END');
      const pointInTime = await pointInTimeOf(hostname);
      const snapshotTaken = events.find(e => e.event === 'SNAPSHOT_END');
      observed[state] = {
        launchesFrom:
          usesPrevious === takesNew
            ? 'both or neither'
            : (usesPrevious && 'previous') || 'on-demand',
        pointInTime,
        listed: (await snapshotsOf(hostname)).some(
          s => s.timestamp === pointInTime,
        ),
        beforeReplicationStopped: Date.parse(pointInTime!) <= stoppedAt,
      };
      const onDemand = LAUNCH_IN_STATE[state] === 'on-demand';
      expected[state] = {
        launchesFrom: LAUNCH_IN_STATE[state],
        pointInTime: onDemand
          ? snapshotTaken?.logDateTime
          : previous.get(state),
        listed: true,
        beforeReplicationStopped: !onDemand,
      };
    }
    expect(observed).toEqual(expected);
  });

  it('refuses a server that never finished its initial sync, until it replicates', async () => {
    for (const hostname of ['new-initiating', 'new-syncing']) {
      expect(await snapshotsOf(hostname)).toEqual([]);
      const error = await rejectionOf(
        recover([{ sourceServerID: idOf(hostname) }]),
      );
      expect(error).toBeInstanceOf(ConflictException);
      expect(error.resourceId).toBe(idOf(hostname));
    }
    expect(
      world.simulator.state().accounts[0].sourceServers.at(-1),
    ).not.toHaveProperty('latestPointInTime');

    changeAfter(120, 'new-syncing', 'CONTINUOUS');
    world.simulator.advance(540);
    const [first] = await snapshotsOf('new-syncing');
    expect(first.expectedTimestamp).toBe('2024-05-01T12:10:00.000Z');
    expect(first.timestamp).toBe('2024-05-01T12:11:00.000Z');
  });

  it('StopReplication deletes every point in time; replicating again starts afresh', async () => {
    const hostname = hostOf('CONTINUOUS');
    world.simulator.advance(600);
    const before = (await newestCompleted(hostname))!;
    changeAfter(0, hostname, 'STOPPED');
    expect(await snapshotsOf(hostname)).toEqual([]);
    const gone = await rejectionOf(
      recover([
        {
          sourceServerID: idOf(hostname),
          recoverySnapshotID: before.snapshotID,
        },
      ]),
    );
    expect(gone).toBeInstanceOf(ValidationException);

    changeAfter(300, hostname, 'CONTINUOUS');
    world.simulator.advance(600);
    const again = await snapshotsOf(hostname);
    expect(again.map(s => s.expectedTimestamp)).toEqual([
      '2024-05-01T12:20:00.000Z',
    ]);
  });

  it('a disconnected server keeps its points in time 90 minutes, then DRS has deleted them', async () => {
    const hostname = hostOf('DISCONNECTED');
    changeAfter(1800, hostname, 'DISCONNECTED', 0);
    world.simulator.advance(5399);
    expect(await newestCompleted(hostname)).toMatchObject({
      timestamp: '2024-05-01T12:21:00.000Z',
    });
    world.simulator.advance(1);
    expect(await snapshotsOf(hostname)).toEqual([]);
    expect(
      await rejectionOf(recover([{ sourceServerID: idOf(hostname) }])),
    ).toBeInstanceOf(ConflictException);
    // Replicating again does not bring them back.
    changeAfter(0, hostname, 'CONTINUOUS');
    world.simulator.advance(600);
    expect((await snapshotsOf(hostname)).map(s => s.expectedTimestamp)).toEqual(
      ['2024-05-01T14:10:00.000Z', '2024-05-01T14:00:00.000Z'],
    );
  });

  it('recovers a stalled server from the latest point in time before a cut-off', async () => {
    const hostname = hostOf('STALLED');
    changeAfter(7200, hostname, 'STALLED');
    world.simulator.advance(3600);
    const cutOff = '2024-05-01T13:15:00.000Z';
    const { items } = await world.drs.send(
      new DescribeRecoverySnapshotsCommand({
        sourceServerID: idOf(hostname),
        filters: { toDateTime: cutOff },
        order: 'DESC',
        maxResults: 1,
      }),
    );
    const chosen = items![0];
    expect(chosen.timestamp).toBe('2024-05-01T13:11:00.000Z');

    const { job } = await recover([
      { sourceServerID: idOf(hostname), recoverySnapshotID: chosen.snapshotID },
    ]);
    await pollUntilCompleted(world.simulator, world.drs, job!.jobID!);
    const kinds = (await logOf(job!.jobID!, hostname)).map(e => e.event);
    expect(kinds).toContain('USING_PREVIOUS_SNAPSHOT');
    expect(kinds).not.toContain('SNAPSHOT_START');
    expect(await pointInTimeOf(hostname)).toBe(chosen.timestamp);
  });
});
