import {
  ConflictException,
  DescribeJobLogItemsCommand,
  DescribeJobsCommand,
  DescribeSourceServersCommand,
  DrsClient,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartRecoveryCommand,
  TerminateRecoveryInstancesCommand,
  ValidationException,
} from '@aws-sdk/client-drs';
import { deriveSourceServerId } from './ids';
import { DEFAULT_QUOTAS, SimulatorHandle } from './index';
import {
  ACCOUNT,
  drsClient,
  pollUntilCompleted,
  rawCall,
  rejectionOf,
  servers,
  startTestSimulator,
} from './__testUtils__/harness';

const WEB_1 = 's-1111111111111111a';
const app = (n: number) =>
  deriveSourceServerId(ACCOUNT, 'us-east-1', `app-${n}`);
const launch = (drs: DrsClient, ids: string[]) =>
  drs.send(
    new StartRecoveryCommand({
      sourceServers: ids.map(sourceServerID => ({ sourceServerID })),
      isDrill: true,
    }),
  );

describe('DRS quotas at their default values', () => {
  let simulator: SimulatorHandle;
  let drs: DrsClient;
  let ids: string[];

  beforeAll(async () => {
    simulator = (
      await startTestSimulator({
        inventory: {
          accounts: [
            {
              accountId: ACCOUNT,
              region: 'us-east-1',
              sourceServers: servers('host', 520),
            },
          ],
        },
      })
    ).simulator;
    drs = drsClient(simulator);
    ids = servers('host', 520).map(s =>
      deriveSourceServerId(ACCOUNT, 'us-east-1', s.hostname),
    );
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.close());

  it('are 100 servers per job, 20 concurrent jobs, 500 servers in active jobs', () => {
    expect(DEFAULT_QUOTAS).toEqual({
      maxServersPerJob: 100,
      maxConcurrentJobs: 20,
      maxServersInActiveJobs: 500,
    });
  });

  it('refuses a job of 101 servers with ServiceQuotaExceededException, accepts 100', async () => {
    const error = await rejectionOf(launch(drs, ids.slice(0, 101)));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error.$metadata.httpStatusCode).toBe(402);
    expect(error.quotaCode).toBe('MaxSourceServersPerJob');
    const { job } = await launch(drs, ids.slice(0, 100));
    expect(job!.participatingServers).toHaveLength(100);
  });

  it('refuses a 21st concurrent job', async () => {
    for (let i = 0; i < 20; i++) await launch(drs, [ids[i]]);
    const error = await rejectionOf(launch(drs, [ids[20]]));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error.quotaCode).toBe('MaxConcurrentJobs');
  });

  it('refuses servers beyond 500 across active jobs, and accepts them once a job completes', async () => {
    const jobs = [];
    for (let i = 0; i < 5; i++) {
      jobs.push((await launch(drs, ids.slice(i * 100, (i + 1) * 100))).job!);
    }
    const error = await rejectionOf(launch(drs, [ids[500]]));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error.quotaCode).toBe('MaxSourceServersInActiveJobs');
    await pollUntilCompleted(simulator, drs, jobs[0].jobID!, 60);
    await expect(launch(drs, [ids[500]])).resolves.toBeDefined();
  });
});

describe('conflicts and request validation', () => {
  let simulator: SimulatorHandle;
  let drs: DrsClient;

  beforeAll(async () => {
    ({ simulator, drs } = await startTestSimulator({
      quotas: { maxServersPerJob: 3, maxConcurrentJobs: 2 },
    }));
  });
  beforeEach(() => simulator.reset());
  afterAll(() => simulator.close());

  it('uses configured quotas', async () => {
    const perJob = await rejectionOf(
      launch(drs, [app(1), app(2), app(3), app(4)]),
    );
    expect(perJob).toBeInstanceOf(ServiceQuotaExceededException);
    await launch(drs, [app(1)]);
    await launch(drs, [app(2)]);
    const concurrent = await rejectionOf(launch(drs, [app(3)]));
    expect(concurrent).toBeInstanceOf(ServiceQuotaExceededException);
  });

  it('allows one active job per source server (ConflictException), and again once it completes', async () => {
    const { job } = await launch(drs, [WEB_1]);
    const error = await rejectionOf(launch(drs, [app(1), WEB_1]));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error.$metadata.httpStatusCode).toBe(409);
    expect(error).toMatchObject({
      resourceId: WEB_1,
      resourceType: 'SOURCE_SERVER',
    });
    expect(error.message).toContain(job!.jobID);
    await pollUntilCompleted(simulator, drs, job!.jobID!);
    await expect(launch(drs, [WEB_1])).resolves.toBeDefined();
  });

  it('terminating holds the source server too', async () => {
    const { job } = await launch(drs, [WEB_1]);
    const done = await pollUntilCompleted(simulator, drs, job!.jobID!);
    const instance = done.participatingServers![0].recoveryInstanceID!;
    await drs.send(
      new TerminateRecoveryInstancesCommand({
        recoveryInstanceIDs: [instance],
      }),
    );
    expect(await rejectionOf(launch(drs, [WEB_1]))).toBeInstanceOf(
      ConflictException,
    );
    expect(
      await rejectionOf(
        drs.send(
          new TerminateRecoveryInstancesCommand({
            recoveryInstanceIDs: [instance],
          }),
        ),
      ),
    ).toBeInstanceOf(ConflictException);
  });

  it('refuses a whole launch when a server has no point in time (ConflictException)', async () => {
    simulator.setReplication({
      sourceServer: 'app-1',
      replicationState: 'STOPPED',
    });
    const error = await rejectionOf(launch(drs, [app(2), app(1)]));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error).toMatchObject({
      resourceId: app(1),
      resourceType: 'SOURCE_SERVER',
    });
    expect(error.message).toContain('STOPPED');
    expect((await drs.send(new DescribeJobsCommand({}))).items).toEqual([]);

    // Stalled is not stopped: it launches from its last point in time.
    const stalled = deriveSourceServerId(ACCOUNT, 'us-east-1', 'stalled-1');
    await expect(launch(drs, [app(2), stalled])).resolves.toBeDefined();
  });

  it('refuses unknown source servers and recovery instances (ResourceNotFoundException)', async () => {
    const unknown = await rejectionOf(launch(drs, ['s-00000000000000000']));
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(unknown.resourceId).toBe('s-00000000000000000');
    const noInstance = await rejectionOf(
      drs.send(
        new TerminateRecoveryInstancesCommand({
          recoveryInstanceIDs: ['i-00000000000000000'],
        }),
      ),
    );
    expect(noInstance).toBeInstanceOf(ResourceNotFoundException);
    const noJob = await rejectionOf(
      drs.send(
        new DescribeJobLogItemsCommand({ jobID: 'drsjob-00000000000000000' }),
      ),
    );
    expect(noJob).toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers ValidationException naming the field at fault', async () => {
    const badId = await rejectionOf(launch(drs, ['s-123']));
    expect(badId).toBeInstanceOf(ValidationException);
    expect(badId.$metadata.httpStatusCode).toBe(400);
    expect(badId.reason).toBe('fieldValidationFailed');
    expect(badId.fieldList).toEqual([
      expect.objectContaining({ name: 'sourceServers[0].sourceServerID' }),
      expect.objectContaining({ name: 'sourceServers[0].sourceServerID' }),
    ]);

    const empty = await rejectionOf(launch(drs, []));
    expect(empty.fieldList).toEqual([
      { name: 'sourceServers', message: 'must have at least 1 items' },
    ]);

    const tooMany = await rejectionOf(
      drs.send(
        new DescribeJobsCommand({
          filters: {
            jobIDs: Array.from(
              { length: 1001 },
              (_, i) => `drsjob-${String(i).padStart(17, '0')}`,
            ),
          },
        }),
      ),
    );
    expect(tooMany).toBeInstanceOf(ValidationException);
    expect(tooMany.fieldList[0].name).toBe('filters.jobIDs');

    const duplicate = await rejectionOf(launch(drs, [WEB_1, WEB_1]));
    expect(duplicate.fieldList[0].name).toBe('sourceServers[1]');

    const badToken = await rejectionOf(
      drs.send(new DescribeJobsCommand({ nextToken: 'not-a-token' })),
    );
    expect(badToken.fieldList[0].name).toBe('nextToken');

    const zeroPage = await rejectionOf(
      drs.send(new DescribeSourceServersCommand({ maxResults: 0 })),
    );
    expect(zeroPage.fieldList[0].name).toBe('maxResults');

    const snapshot = await rejectionOf(
      drs.send(
        new StartRecoveryCommand({
          sourceServers: [
            {
              sourceServerID: WEB_1,
              recoverySnapshotID: 'pit-00000000000000000',
            },
          ],
        }),
      ),
    );
    expect(snapshot.fieldList[0].name).toBe(
      'sourceServers[0].recoverySnapshotID',
    );
  });

  it('answers malformed bodies, unknown operations and unsigned calls, and keeps serving', async () => {
    const garbage = await rawCall(simulator, 'DescribeJobs', '{"filters": [');
    expect(garbage.status).toBe(400);
    expect(garbage.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(garbage.json.reason).toBe('cannotParse');

    const wrongType = await rawCall(simulator, 'StartRecovery', {
      sourceServers: 'all',
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.fieldList).toEqual([
      { name: 'sourceServers', message: 'must be a list' },
    ]);

    const unknown = await rawCall(simulator, 'LaunchEverything', {});
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe(
      'UnknownOperationException',
    );
    const notSimulated = await rawCall(simulator, 'DeleteJob', {});
    expect(notSimulated.status).toBe(404);
    expect(notSimulated.json.message).toContain('does not implement DeleteJob');
    const wrongMethod = await rawCall(simulator, 'DescribeJobs', undefined, {
      method: 'GET',
    });
    expect(wrongMethod.status).toBe(404);

    const unsigned = await rawCall(
      simulator,
      'DescribeJobs',
      {},
      {
        authorization: 'Bearer nope',
      },
    );
    expect(unsigned.status).toBe(403);

    const emptyBody = await rawCall(simulator, 'DescribeJobs', '');
    expect(emptyBody).toMatchObject({ status: 200, json: { items: [] } });
    await expect(drs.send(new DescribeJobsCommand({}))).resolves.toBeDefined();
  });
});
