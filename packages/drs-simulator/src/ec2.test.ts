import {
  StartRecoveryCommand,
  TerminateRecoveryInstancesCommand,
} from '@aws-sdk/client-drs';
import {
  DescribeInstanceStatusCommand,
  DescribeInstanceStatusCommandInput,
  EC2Client,
  InstanceStatus,
  paginateDescribeInstanceStatus,
} from '@aws-sdk/client-ec2';
import { deriveSourceServerId } from './ids';
import { SimulatorHandle, STATUS_CHECK_BASE_SECONDS } from './index';
import {
  ACCOUNT,
  drsClient,
  ec2Client,
  OTHER_ACCOUNT,
  rawEc2Call,
  rejectionOf,
  REGION,
  useTestSimulator,
} from './__testUtils__/harness';

const WEB_1 = 's-1111111111111111a';
const app = (n: number) => deriveSourceServerId(ACCOUNT, REGION, `app-${n}`);
const BOOT_SECONDS = 30;
const INITIALIZING = STATUS_CHECK_BASE_SECONDS.initializing;

/** The caller's recovery instances as the simulator holds them. */
function recoveryInstances(simulator: SimulatorHandle) {
  return simulator.state().accounts[0].recoveryInstances;
}

/** Drills the servers, then advances 10 s at a time until they all have an instance (PENDING). */
async function launch(world: { simulator: SimulatorHandle }, ids: string[]) {
  const { simulator } = world;
  await drsClient(simulator).send(
    new StartRecoveryCommand({
      sourceServers: ids.map(sourceServerID => ({ sourceServerID })),
      isDrill: true,
    }),
  );
  for (let step = 0; step < 60; step++) {
    const instances = recoveryInstances(simulator);
    if (instances.length === ids.length) return instances;
    simulator.advance(10);
  }
  throw new Error('the drill launched no instances');
}

describe('EC2 DescribeInstanceStatus through the real EC2Client', () => {
  const world = useTestSimulator();
  let ec2: EC2Client;
  beforeEach(() => {
    ec2 = ec2Client(world.simulator);
  });

  async function statuses(
    input: DescribeInstanceStatusCommandInput = {},
  ): Promise<InstanceStatus[]> {
    return (await ec2.send(new DescribeInstanceStatusCommand(input)))
      .InstanceStatuses!;
  }

  it('lists a pending instance only with IncludeAllInstances, its checks not applicable', async () => {
    const [instance] = await launch(world, [WEB_1]);
    expect(instance.ec2InstanceState).toBe('PENDING');
    expect(await statuses()).toEqual([]);
    expect(
      await statuses({ InstanceIds: [instance.recoveryInstanceID] }),
    ).toEqual([]);
    expect(await statuses({ IncludeAllInstances: true })).toEqual([
      {
        InstanceId: instance.recoveryInstanceID,
        AvailabilityZone: expect.stringMatching(/^us-east-1[abc]$/),
        InstanceState: { Code: 0, Name: 'pending' },
        InstanceStatus: { Status: 'not-applicable' },
        SystemStatus: { Status: 'not-applicable' },
      },
    ]);
  });

  it('reads both checks initializing once the instance runs, then ok', async () => {
    await launch(world, [WEB_1]);
    world.simulator.advance(BOOT_SECONDS);
    const initializing = {
      Status: 'initializing',
      Details: [{ Name: 'reachability', Status: 'initializing' }],
    };
    const [running] = await statuses();
    expect(running).toMatchObject({
      InstanceState: { Code: 16, Name: 'running' },
      InstanceStatus: initializing,
      SystemStatus: initializing,
    });
    world.simulator.advance(INITIALIZING);
    const passed = {
      Status: 'ok',
      Details: [{ Name: 'reachability', Status: 'passed' }],
    };
    expect(await statuses()).toEqual([
      { ...running, InstanceStatus: passed, SystemStatus: passed },
    ]);
    expect(recoveryInstances(world.simulator)[0]).toMatchObject({
      instanceStatus: 'ok',
      systemStatus: 'ok',
    });
  });

  it('fails the check a fault names, by hostname or source server ID, from when it began', async () => {
    const instanceOf = new Map(
      (await launch(world, [WEB_1, app(1)])).map(instance => [
        instance.sourceServerID,
        instance.recoveryInstanceID,
      ]),
    );
    world.simulator.setFaults({ failStatusChecks: { 'web-1': 'instance' } });
    world.simulator.advance(BOOT_SECONDS + INITIALIZING + 300);
    world.simulator.setFaults({
      failStatusChecks: { 'web-1': 'instance', [app(1)]: 'system' },
    });
    const faultAt = new Date(world.simulator.state().now);
    world.simulator.advance(60);
    const byId = new Map(
      (await statuses()).map(status => [status.InstanceId, status]),
    );
    const web = byId.get(instanceOf.get(WEB_1)!)!;
    expect(web.InstanceStatus).toEqual({
      Status: 'impaired',
      Details: [
        {
          Name: 'reachability',
          Status: 'failed',
          ImpairedSince: expect.any(Date),
        },
      ],
    });
    // The fault came first: impaired since the check ran, before the second fault.
    const webSince = web.InstanceStatus!.Details![0].ImpairedSince!;
    expect(webSince.getTime()).toBeLessThan(faultAt.getTime());
    expect(web.SystemStatus!.Status).toBe('ok');
    const appInstance = byId.get(instanceOf.get(app(1))!)!;
    expect(appInstance.InstanceStatus!.Status).toBe('ok');
    expect(appInstance.SystemStatus!.Details![0]).toEqual({
      Name: 'reachability',
      Status: 'failed',
      ImpairedSince: faultAt,
    });
    expect(
      await statuses({
        Filters: [{ Name: 'system-status.status', Values: ['impaired'] }],
      }),
    ).toEqual([appInstance]);

    // Lifting the fault makes the checks pass again.
    world.simulator.setFaults({ failStatusChecks: {} });
    expect(
      (await statuses()).map(status => status.InstanceStatus!.Status),
    ).toEqual(['ok', 'ok']);
  });

  it('forgets terminated instances: they are gone, as the DRS terminate job ends', async () => {
    const [instance] = await launch(world, [WEB_1]);
    world.simulator.advance(BOOT_SECONDS + INITIALIZING);
    await drsClient(world.simulator).send(
      new TerminateRecoveryInstancesCommand({
        recoveryInstanceIDs: [instance.recoveryInstanceID],
      }),
    );
    world.simulator.advance(5);
    expect(await statuses({ IncludeAllInstances: true })).toEqual([
      expect.objectContaining({
        InstanceState: { Code: 32, Name: 'shutting-down' },
        InstanceStatus: { Status: 'not-applicable' },
      }),
    ]);
    world.simulator.advance(60);
    expect(await statuses({ IncludeAllInstances: true })).toEqual([]);
    const gone = await rejectionOf(
      statuses({ InstanceIds: [instance.recoveryInstanceID] }),
    );
    expect(gone.name).toBe('InvalidInstanceID.NotFound');
    expect(gone.message).toBe(
      `The instance ID '${instance.recoveryInstanceID}' does not exist`,
    );
  });

  it('pages by MaxResults and NextToken, as the SDK’s paginator reads them', async () => {
    const ids = [WEB_1, app(1), app(2), app(3), app(4), app(5)];
    await launch(world, ids);
    world.simulator.advance(BOOT_SECONDS);
    const pages: InstanceStatus[][] = [];
    for await (const page of paginateDescribeInstanceStatus(
      { client: ec2, pageSize: 5 },
      {},
    )) {
      pages.push(page.InstanceStatuses!);
    }
    expect(pages.map(page => page.length)).toEqual([5, 1]);
    expect(pages.flat()).toEqual(await statuses());
    const badToken = await rejectionOf(
      statuses({ MaxResults: 5, NextToken: 'nonsense' }),
    );
    expect(badToken.name).toBe('InvalidPaginationToken');
  });

  it('filters, with wildcards, every filter matching and any of its values', async () => {
    const [instance] = await launch(world, [WEB_1]);
    world.simulator.advance(BOOT_SECONDS + INITIALIZING);
    const one = [
      expect.objectContaining({ InstanceId: instance.recoveryInstanceID }),
    ];
    const filtered = (...Filters: { Name: string; Values: string[] }[]) =>
      statuses({ Filters });
    expect(
      await filtered(
        { Name: 'availability-zone', Values: ['us-east-1?'] },
        { Name: 'instance-state-name', Values: ['stopped', 'run*'] },
        { Name: 'instance-state-code', Values: ['16'] },
        { Name: 'instance-status.reachability', Values: ['passed'] },
        { Name: 'system-status.reachability', Values: ['passed'] },
        { Name: 'instance-status.status', Values: ['ok'] },
      ),
    ).toEqual(one);
    expect(
      await filtered({ Name: 'instance-status.status', Values: ['impaired'] }),
    ).toEqual([]);
    expect(await filtered({ Name: 'event.code', Values: ['*'] })).toEqual([]);
    const invalid = await rejectionOf(
      filtered({ Name: 'instance-type', Values: ['m5.large'] }),
    );
    expect(invalid.name).toBe('InvalidParameterValue');
    expect(invalid.message).toBe("The filter 'instance-type' is invalid");
  });

  it('refuses what EC2 refuses', async () => {
    const refusal = async (input: DescribeInstanceStatusCommandInput) => {
      const error = await rejectionOf(statuses(input));
      return [error.name, error.$metadata.httpStatusCode];
    };
    expect(
      await refusal({ InstanceIds: ['i-0123456789abcdef0'], MaxResults: 5 }),
    ).toEqual(['InvalidParameterCombination', 400]);
    expect(await refusal({ MaxResults: 4 })).toEqual([
      'InvalidParameterValue',
      400,
    ]);
    expect(await refusal({ InstanceIds: ['web-1'] })).toEqual([
      'InvalidInstanceID.Malformed',
      400,
    ]);
    expect(
      await refusal({
        InstanceIds: ['i-0123456789abcdef0', 'i-01234567'],
      }),
    ).toEqual(['InvalidInstanceID.NotFound', 400]);
    expect(await refusal({ DryRun: true })).toEqual(['DryRunOperation', 412]);
  });

  it('shows each account and region only its own instances', async () => {
    await launch(world, [WEB_1]);
    world.simulator.advance(BOOT_SECONDS);
    const other = ec2Client(world.simulator, { accessKeyId: OTHER_ACCOUNT });
    expect(
      (await other.send(new DescribeInstanceStatusCommand({})))
        .InstanceStatuses,
    ).toEqual([]);
    const nowhere = ec2Client(world.simulator, { region: 'eu-west-1' });
    const error = await rejectionOf(
      nowhere.send(new DescribeInstanceStatusCommand({})),
    );
    expect([error.name, error.$metadata.httpStatusCode]).toEqual([
      'OptInRequired',
      403,
    ]);
  });

  it('throttles as EC2 does: 503 RequestLimitExceeded, which the SDK retries', async () => {
    world.simulator.setFaults({ throttleShare: 1 });
    const error = await rejectionOf(statuses());
    expect([error.name, error.$metadata.httpStatusCode]).toEqual([
      'RequestLimitExceeded',
      503,
    ]);
    const retrying = ec2Client(world.simulator, { maxAttempts: 2 });
    const retried = await rejectionOf(
      retrying.send(new DescribeInstanceStatusCommand({})),
    );
    expect(retried.$metadata.attempts).toBe(2);
    world.simulator.setFaults({ throttleShare: 0, internalErrorShare: 1 });
    expect((await rejectionOf(statuses())).name).toBe('InternalError');
  });

  it('answers requests it cannot serve in EC2’s words', async () => {
    const { simulator } = world;
    const call = async (
      params: Record<string, string>,
      options?: Parameters<typeof rawEc2Call>[2],
    ) => {
      const response = await rawEc2Call(simulator, params, options);
      const code = response.text.match(/<Code>([^<]+)<\/Code>/)?.[1];
      return [response.status, code ?? response.text];
    };
    const version = { Version: '2016-11-15' };
    expect(await call({ Action: 'DescribeInstances', ...version })).toEqual([
      400,
      'InvalidAction',
    ]);
    expect(await call(version)).toEqual([400, 'MissingAction']);
    expect(
      await call({ Action: 'DescribeInstanceStatus', ...version, Colour: 'x' }),
    ).toEqual([400, 'UnknownParameter']);
    expect(
      await call({
        Action: 'DescribeInstanceStatus',
        ...version,
        MaxResults: 'many',
      }),
    ).toEqual([400, 'InvalidParameterValue']);
    expect(
      await call(
        { Action: 'DescribeInstanceStatus', ...version },
        { authorization: 'none' },
      ),
    ).toEqual([401, 'AuthFailure']);
    const [status, body] = await call(
      { Action: 'DescribeInstanceStatus', ...version, 'InstanceId.1': WEB_1 },
      { method: 'GET' },
    );
    expect(status).toBe(400);
    expect(body).toBe('InvalidInstanceID.Malformed');
  });
});

describe('EC2 status checks at speed 20', () => {
  const fast = useTestSimulator({ speed: 20 });

  it('initialize 20 times faster', async () => {
    await launch(fast, [WEB_1]);
    fast.simulator.advance((BOOT_SECONDS + INITIALIZING) / 20);
    expect(recoveryInstances(fast.simulator)[0].instanceStatus).toBe('ok');
  });
});
