import {
  ConflictException,
  DescribeRecoveryInstancesCommand,
  DescribeSourceServersCommand,
  DrsClient,
  RecoveryInstance,
  ResourceNotFoundException,
  ReverseReplicationCommand,
  SourceServer,
  StartRecoveryCommand,
  StartReplicationCommand,
  StopReplicationCommand,
  TerminateRecoveryInstancesCommand,
  UninitializedAccountException,
  ValidationException,
} from '@aws-sdk/client-drs';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { deriveSourceServerId } from './ids';
import { REPLICATION_BASE_SECONDS, SimulatorHandle } from './index';
import {
  ACCOUNT,
  drsClient,
  pollUntilCompleted,
  REGION,
  rejectionOf,
  startTestSimulator,
} from './__testUtils__/harness';

const WEST = 'us-west-2';
const west = (n: number) => deriveSourceServerId(ACCOUNT, WEST, `west-${n}`);
const WEB_1 = 's-1111111111111111a';
const { initiating, initialSync } = REPLICATION_BASE_SECONDS;

interface World {
  simulator: SimulatorHandle;
  /** The recovery region of the west servers. */
  recovery: DrsClient;
  /** Where their EC2 instances came from, and where they fail back to. */
  origin: DrsClient;
}

async function world(options = {}): Promise<World> {
  const { simulator } = await startTestSimulator(options);
  return {
    simulator,
    recovery: drsClient(simulator, { region: WEST }),
    origin: drsClient(simulator, { region: REGION }),
  };
}

/** Launches the servers (a recovery unless `isDrill`) and returns their running instances. */
async function launch(
  { simulator }: World,
  drs: DrsClient,
  sourceServerIDs: string[],
  isDrill = false,
): Promise<RecoveryInstance[]> {
  const { job } = await drs.send(
    new StartRecoveryCommand({
      sourceServers: sourceServerIDs.map(sourceServerID => ({
        sourceServerID,
      })),
      isDrill,
    }),
  );
  await pollUntilCompleted(simulator, drs, job!.jobID!);
  return instancesOf(drs, sourceServerIDs);
}

async function instancesOf(
  drs: DrsClient,
  sourceServerIDs: string[],
): Promise<RecoveryInstance[]> {
  const { items } = await drs.send(
    new DescribeRecoveryInstancesCommand({ filters: { sourceServerIDs } }),
  );
  return items!;
}

async function serverOf(drs: DrsClient, id: string): Promise<SourceServer> {
  const { items } = await drs.send(
    new DescribeSourceServersCommand({ filters: { sourceServerIDs: [id] } }),
  );
  expect(items).toHaveLength(1);
  return items![0];
}

const idOfArn = (arn: string) => arn.split('/')[1];

async function reverse(drs: DrsClient, recoveryInstanceID: string) {
  const { reversedDirectionSourceServerArn } = await drs.send(
    new ReverseReplicationCommand({ recoveryInstanceID }),
  );
  return reversedDirectionSourceServerArn!;
}

describe('failback of EC2 sources: ReverseReplication, the failback launch, re-protect', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  beforeEach(() => w.simulator.reset());
  afterAll(() => w.simulator.close());

  it('creates a FAILBACK source server in the origin region that syncs, then continues', async () => {
    const [instance] = await launch(w, w.recovery, [west(1)]);
    expect(instance).toMatchObject({
      originEnvironment: 'AWS',
      originAvailabilityZone: 'us-east-1b',
      failback: { state: 'FAILBACK_NOT_STARTED' },
      dataReplicationInfo: { dataReplicationState: 'NOT_STARTED' },
    });
    const arn = await reverse(w.recovery, instance.recoveryInstanceID!);
    expect(arn).toMatch(
      new RegExp(
        `^arn:aws:drs:us-east-1:${ACCOUNT}:source-server/s-[0-9a-f]{17}$`,
      ),
    );
    const reversedId = idOfArn(arn);

    const reversed = await serverOf(w.origin, reversedId);
    expect(reversed).toMatchObject({
      replicationDirection: 'FAILBACK',
      reversedDirectionSourceServerArn: `arn:aws:drs:${WEST}:${ACCOUNT}:source-server/${west(
        1,
      )}`,
      sourceCloudProperties: {
        originAccountID: ACCOUNT,
        originRegion: WEST,
        originAvailabilityZone: 'us-west-2a',
      },
      sourceProperties: {
        identificationHints: {
          hostname: 'west-1',
          awsInstanceID: instance.recoveryInstanceID,
        },
      },
      dataReplicationInfo: { dataReplicationState: 'INITIATING' },
      tags: { Application: 'west' },
    });
    const original = await serverOf(w.recovery, west(1));
    expect(original).toMatchObject({
      replicationDirection: 'FAILOVER',
      reversedDirectionSourceServerArn: arn,
      sourceCloudProperties: { originRegion: REGION },
    });
    // The same disks as the server it reverses.
    expect(reversed.sourceProperties!.disks).toEqual(
      original.sourceProperties!.disks,
    );
    const total = original.sourceProperties!.disks![0].bytes!;

    w.simulator.advance(initiating + initialSync / 4);
    const syncing = await serverOf(w.origin, reversedId);
    expect(syncing.dataReplicationInfo).toMatchObject({
      dataReplicationState: 'INITIAL_SYNC',
      replicatedDisks: [
        {
          totalStorageBytes: total,
          replicatedStorageBytes: Math.floor(total / 4),
        },
      ],
    });
    expect(
      syncing.dataReplicationInfo!.dataReplicationInitiation!.steps!.every(
        step => step.status === 'SUCCEEDED',
      ),
    ).toBe(true);
    const [reversing] = await instancesOf(w.recovery, [west(1)]);
    expect(reversing.failback).toMatchObject({
      state: 'FAILBACK_IN_PROGRESS',
      failbackInitiationTime: expect.any(String),
      firstByteDateTime: expect.any(String),
    });
    // The same replication, but the model types the instance's lagDuration as a date-time.
    expect(reversing.dataReplicationInfo).toEqual({
      ...syncing.dataReplicationInfo,
      lagDuration: expect.stringMatching(/^2024-05-01T\d\d:\d\d:\d\d\.000Z$/),
    });

    w.simulator.advance((initialSync * 3) / 4);
    expect(
      (await serverOf(w.origin, reversedId)).dataReplicationInfo,
    ).toMatchObject({
      dataReplicationState: 'CONTINUOUS',
      lagDuration: 'PT5S',
      replicatedDisks: [{ replicatedStorageBytes: total }],
    });
    const [ready] = await instancesOf(w.recovery, [west(1)]);
    expect(ready.failback!.state).toBe('FAILBACK_READY_FOR_LAUNCH');
    expect(w.simulator.calls()).toMatchObject({
      reverseReplicationByRecoveryInstance: {
        [instance.recoveryInstanceID!]: 1,
      },
      reversalsByRecoveryInstance: { [instance.recoveryInstanceID!]: 1 },
    });
  });

  it('refuses a second call for the same instance, naming the reversed server', async () => {
    const [instance] = await launch(w, w.recovery, [west(1)]);
    const id = instance.recoveryInstanceID!;
    const arn = await reverse(w.recovery, id);
    const again = await rejectionOf(reverse(w.recovery, id));
    expect(again).toBeInstanceOf(ConflictException);
    expect(again.message).toContain(arn);
    expect(again).toMatchObject({
      resourceId: id,
      resourceType: 'RECOVERY_INSTANCE',
    });
    // Nothing new was created: one reversed server in the origin region.
    const { items } = await w.origin.send(new DescribeSourceServersCommand({}));
    expect(
      items!.filter(s => s.replicationDirection === 'FAILBACK'),
    ).toHaveLength(1);
    expect(w.simulator.calls()).toMatchObject({
      reverseReplicationByRecoveryInstance: { [id]: 2 },
      reversalsByRecoveryInstance: { [id]: 1 },
    });
  });

  it('refuses drills, sources outside AWS, instances not running, unknown ones and uninitialized origins', async () => {
    const [drill] = await launch(w, w.recovery, [west(2)], true);
    const drillRefusal = await rejectionOf(
      reverse(w.recovery, drill.recoveryInstanceID!),
    );
    expect(drillRefusal).toBeInstanceOf(ValidationException);
    expect(drillRefusal.message).toMatch(/drill/);

    const [onPremises] = await launch(w, w.origin, [WEB_1]);
    expect(onPremises).toMatchObject({
      originEnvironment: 'ON_PREMISES',
      failback: { state: 'FAILBACK_NOT_STARTED' },
    });
    const outside = await rejectionOf(
      reverse(w.origin, onPremises.recoveryInstanceID!),
    );
    expect(outside).toBeInstanceOf(ValidationException);
    expect(outside.message).toMatch(/Failback Client/);

    const { job } = await w.recovery.send(
      new StartRecoveryCommand({
        sourceServers: [{ sourceServerID: west(3) }],
      }),
    );
    // LAUNCHED but not yet RUNNING, with its job still cleaning up.
    let pending: RecoveryInstance | undefined;
    for (let i = 0; i < 60 && !pending; i++) {
      w.simulator.advance(10);
      [pending] = await instancesOf(w.recovery, [west(3)]);
    }
    expect(pending!.ec2InstanceState).toBe('PENDING');
    const notRunning = await rejectionOf(
      reverse(w.recovery, pending!.recoveryInstanceID!),
    );
    expect(notRunning).toBeInstanceOf(ConflictException);
    expect(notRunning.message).toMatch(/PENDING/);
    await pollUntilCompleted(w.simulator, w.recovery, job!.jobID!);

    expect(
      await rejectionOf(reverse(w.recovery, 'i-00000000000000000')),
    ).toBeInstanceOf(ResourceNotFoundException);
    expect(w.simulator.calls().reversalsByRecoveryInstance).toEqual({});
  });

  it('an answer lost to a 500 after the reversal: DRS has reversed, and says so', async () => {
    const [instance] = await launch(w, w.recovery, [west(1)]);
    const id = instance.recoveryInstanceID!;
    w.simulator.setFaults({ internalErrorAfterCommitShare: 1 });
    const lost = await rejectionOf(reverse(w.recovery, id));
    expect(lost.$metadata.httpStatusCode).toBe(500);
    w.simulator.setFaults({ internalErrorAfterCommitShare: 0 });

    // What a caller adopts: the server's reversed twin, and the instance's own failback state.
    const { reversedDirectionSourceServerArn: arn } = await serverOf(
      w.recovery,
      west(1),
    );
    const reversed = await serverOf(w.origin, idOfArn(arn!));
    expect(reversed.sourceProperties!.identificationHints!.awsInstanceID).toBe(
      id,
    );
    const [seen] = await instancesOf(w.recovery, [west(1)]);
    expect(seen.failback!.failbackInitiationTime).toBeDefined();
    expect(seen.dataReplicationInfo!.dataReplicationState).toBe('INITIATING');
    const again = await rejectionOf(reverse(w.recovery, id));
    expect(again).toBeInstanceOf(ConflictException);
    expect(again.message).toContain(arn);
    expect(w.simulator.calls().reversalsByRecoveryInstance).toEqual({
      [id]: 1,
    });
  });

  it('a newer launch of the server replaces the reversed instance: its replica disconnects', async () => {
    const [instance] = await launch(w, w.recovery, [west(1)]);
    const arn = await reverse(w.recovery, instance.recoveryInstanceID!);
    w.simulator.advance(initiating + initialSync);
    const [replacement] = await launch(w, w.recovery, [west(1)]);
    expect(replacement.recoveryInstanceID).not.toBe(
      instance.recoveryInstanceID,
    );
    expect(replacement.failback!.state).toBe('FAILBACK_NOT_STARTED');
    expect(
      (await serverOf(w.origin, idOfArn(arn))).dataReplicationInfo!
        .dataReplicationState,
    ).toBe('DISCONNECTED');
    // The replacement reverses onto the same reversed server, which syncs again.
    expect(await reverse(w.recovery, replacement.recoveryInstanceID!)).toBe(
      arn,
    );
    expect(
      (await serverOf(w.origin, idOfArn(arn))).dataReplicationInfo!
        .dataReplicationState,
    ).toBe('INITIATING');
  });

  it('cross-AZ: the reversed server is in the same region, the instance in another zone', async () => {
    const local = await world({
      inventory: {
        accounts: [
          {
            accountId: ACCOUNT,
            region: REGION,
            sourceServers: [
              {
                hostname: 'az-1',
                origin: { region: REGION, availabilityZone: 'us-east-1a' },
              },
            ],
          },
        ],
      },
    });
    try {
      const az1 = deriveSourceServerId(ACCOUNT, REGION, 'az-1');
      const [instance] = await launch(local, local.origin, [az1]);
      expect(instance.originAvailabilityZone).toBe('us-east-1a');
      const arn = await reverse(local.origin, instance.recoveryInstanceID!);
      expect(arn).toMatch(/^arn:aws:drs:us-east-1:/);
      const reversed = await serverOf(local.origin, idOfArn(arn));
      expect(reversed).toMatchObject({
        replicationDirection: 'FAILBACK',
        sourceCloudProperties: {
          originRegion: REGION,
          originAvailabilityZone: 'us-east-1b',
        },
        sourceProperties: { identificationHints: { hostname: 'az-1' } },
      });
    } finally {
      await local.simulator.close();
    }
  });

  it('refuses to reverse into a region where DRS is not initialized', async () => {
    const lonely = await world({
      inventory: {
        accounts: [
          {
            accountId: ACCOUNT,
            region: WEST,
            sourceServers: [
              { hostname: 'west-1', origin: { region: 'eu-west-1' } },
            ],
          },
        ],
      },
    });
    try {
      const [instance] = await launch(lonely, lonely.recovery, [west(1)]);
      const refusal = await rejectionOf(
        reverse(lonely.recovery, instance.recoveryInstanceID!),
      );
      expect(refusal).toBeInstanceOf(UninitializedAccountException);
      expect(refusal.message).toMatch(/eu-west-1/);
    } finally {
      await lonely.simulator.close();
    }
  });

  it('launches the reversed server once it replicates (failback), and re-protects onto the original server', async () => {
    const [instance] = await launch(w, w.recovery, [west(1)]);
    const reversedId = idOfArn(
      await reverse(w.recovery, instance.recoveryInstanceID!),
    );
    const early = await rejectionOf(
      w.origin.send(
        new StartRecoveryCommand({
          sourceServers: [{ sourceServerID: reversedId }],
        }),
      ),
    );
    expect(early).toBeInstanceOf(ConflictException);
    expect(early.message).toMatch(
      /no completed point-in-time snapshot.*INITIATING/,
    );

    w.simulator.advance(initiating + initialSync);
    const [failbackInstance] = await launch(w, w.origin, [reversedId]);
    expect(failbackInstance).toMatchObject({
      sourceServerID: reversedId,
      isDrill: false,
      originEnvironment: 'AWS',
      originAvailabilityZone: 'us-west-2a',
      failback: { state: 'FAILBACK_NOT_STARTED' },
    });
    const [served] = await instancesOf(w.recovery, [west(1)]);
    expect(served.failback).toMatchObject({
      state: 'FAILBACK_COMPLETED',
      failbackLaunchType: 'RECOVERY',
    });

    // Re-protect: the failback instance replicates to the recovery region again, onto the
    // server that replicated the original instance.
    const back = await reverse(w.origin, failbackInstance.recoveryInstanceID!);
    expect(back).toBe(
      `arn:aws:drs:${WEST}:${ACCOUNT}:source-server/${west(1)}`,
    );
    const original = await serverOf(w.recovery, west(1));
    expect(original).toMatchObject({
      replicationDirection: 'FAILOVER',
      reversedDirectionSourceServerArn: `arn:aws:drs:${REGION}:${ACCOUNT}:source-server/${reversedId}`,
      sourceProperties: {
        identificationHints: {
          awsInstanceID: failbackInstance.recoveryInstanceID,
        },
      },
      dataReplicationInfo: { dataReplicationState: 'INITIATING' },
    });
    w.simulator.advance(initiating + initialSync);
    expect(
      (await serverOf(w.recovery, west(1))).dataReplicationInfo!
        .dataReplicationState,
    ).toBe('CONTINUOUS');
    const [protectedAgain] = await instancesOf(w.origin, [reversedId]);
    expect(protectedAgain.failback!.state).toBe('FAILBACK_READY_FOR_LAUNCH');
    const state = w.simulator.state();
    const east = state.accounts.find(
      a => a.accountId === ACCOUNT && a.region === REGION,
    )!;
    expect(
      east.sourceServers.find(s => s.sourceServerID === reversedId),
    ).toMatchObject({
      hostname: 'west-1',
      replicationDirection: 'FAILBACK',
      originRegion: WEST,
      replicatesInstanceID: instance.recoveryInstanceID,
    });
    expect(east.recoveryInstances[0].reversedTo).toEqual({
      accountId: ACCOUNT,
      region: WEST,
      sourceServerID: west(1),
    });

    // The instances that served during the outage are terminated: what replicated them back
    // loses its source.
    const { job } = await w.recovery.send(
      new TerminateRecoveryInstancesCommand({
        recoveryInstanceIDs: [instance.recoveryInstanceID!],
      }),
    );
    await pollUntilCompleted(w.simulator, w.recovery, job!.jobID!);
    expect(
      (await serverOf(w.origin, reversedId)).dataReplicationInfo,
    ).toMatchObject({
      dataReplicationState: 'DISCONNECTED',
      dataReplicationError: { error: 'AGENT_NOT_SEEN' },
    });
    // The original server replicates the failback instance, untouched.
    expect(
      (await serverOf(w.recovery, west(1))).dataReplicationInfo!
        .dataReplicationState,
    ).toBe('CONTINUOUS');
  });

  it('a stall fault freezes the sync half way until the control API heals it', async () => {
    w.simulator.setFaults({ stallReplicationShare: 1 });
    const [instance] = await launch(w, w.recovery, [west(1)]);
    const reversedId = idOfArn(
      await reverse(w.recovery, instance.recoveryInstanceID!),
    );
    w.simulator.advance(initiating + initialSync * 2);
    const stalled = await serverOf(w.origin, reversedId);
    const total = stalled.sourceProperties!.disks![0].bytes!;
    expect(stalled.dataReplicationInfo).toMatchObject({
      dataReplicationState: 'STALLED',
      dataReplicationError: { error: 'UNSTABLE_NETWORK' },
      replicatedDisks: [{ replicatedStorageBytes: Math.floor(total / 2) }],
    });
    const [instanceNow] = await instancesOf(w.recovery, [west(1)]);
    expect(instanceNow.failback!.state).toBe('FAILBACK_ERROR');

    w.simulator.setReplication({
      sourceServer: reversedId,
      replicationState: 'CONTINUOUS',
    });
    expect(
      (await serverOf(w.origin, reversedId)).dataReplicationInfo!
        .dataReplicationState,
    ).toBe('CONTINUOUS');
  });

  it('StopReplication stops a server and deletes its points in time; StartReplication syncs it again', async () => {
    const stopped = await w.origin.send(
      new StopReplicationCommand({ sourceServerID: WEB_1 }),
    );
    expect(
      stopped.sourceServer!.dataReplicationInfo!.dataReplicationState,
    ).toBe('STOPPED');
    expect(
      await rejectionOf(
        w.origin.send(new StopReplicationCommand({ sourceServerID: WEB_1 })),
      ),
    ).toBeInstanceOf(ConflictException);
    expect(
      await rejectionOf(
        w.origin.send(
          new StartRecoveryCommand({
            sourceServers: [{ sourceServerID: WEB_1 }],
          }),
        ),
      ),
    ).toBeInstanceOf(ConflictException);

    const started = await w.origin.send(
      new StartReplicationCommand({ sourceServerID: WEB_1 }),
    );
    expect(
      started.sourceServer!.dataReplicationInfo!.dataReplicationState,
    ).toBe('INITIATING');
    expect(
      await rejectionOf(
        w.origin.send(new StartReplicationCommand({ sourceServerID: WEB_1 })),
      ),
    ).toBeInstanceOf(ConflictException);
    w.simulator.advance(initiating + initialSync);
    expect(
      (await serverOf(w.origin, WEB_1)).dataReplicationInfo!
        .dataReplicationState,
    ).toBe('CONTINUOUS');
  });

  it('scales the sync with speed', async () => {
    const fast = await world({ speed: 20 });
    try {
      const [instance] = await launch(fast, fast.recovery, [west(1)]);
      const reversedId = idOfArn(
        await reverse(fast.recovery, instance.recoveryInstanceID!),
      );
      fast.simulator.advance((initiating + initialSync) / 20);
      expect(
        (await serverOf(fast.origin, reversedId)).dataReplicationInfo!
          .dataReplicationState,
      ).toBe('CONTINUOUS');
    } finally {
      await fast.simulator.close();
    }
  });
});

describe('a journal replays reversed replications', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'drs-failback-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('brings back the reversed server with the same ID, state and links', async () => {
    const journal = join(dir, 'journal.jsonl');
    const first = await world({ journal });
    const [instance] = await launch(first, first.recovery, [west(1)]);
    const arn = await reverse(first.recovery, instance.recoveryInstanceID!);
    first.simulator.advance(initiating + initialSync / 2);
    const before = await serverOf(first.origin, idOfArn(arn));
    await first.simulator.close();

    const second = await world({ journal });
    try {
      expect(await serverOf(second.origin, idOfArn(arn))).toEqual(before);
      expect(
        await rejectionOf(
          reverse(second.recovery, instance.recoveryInstanceID!),
        ),
      ).toBeInstanceOf(ConflictException);
      second.simulator.advance(initialSync / 2);
      expect(
        (await serverOf(second.origin, idOfArn(arn))).dataReplicationInfo!
          .dataReplicationState,
      ).toBe('CONTINUOUS');
    } finally {
      await second.simulator.close();
    }
  });
});
