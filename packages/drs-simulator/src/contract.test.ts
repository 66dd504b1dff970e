import { deriveSourceServerId } from './ids';
import { SimulatorHandle } from './index';
import paginators from '../model/drs-paginators.json';
import { loadServiceModel } from './model';
import { validateShape } from './shapeValidation';
import { OPERATIONS } from './operations';
import {
  ACCOUNT,
  rawCall,
  RawResponse,
  startTestSimulator,
} from './__testUtils__/harness';

/**
 * Every answer, fetched raw (no SDK in between), must match the DRS model: member
 * names, types, required members, enum values, lengths and ID patterns.
 */
const model = loadServiceModel();
const WEB_1 = 's-1111111111111111a';
const app = (n: number) =>
  deriveSourceServerId(ACCOUNT, 'us-east-1', `app-${n}`);

function expectMatchesOutput(operation: string, response: RawResponse) {
  const { http, output } = model.operations[operation];
  expect({ operation, status: response.status }).toEqual({
    operation,
    status: http.responseCode ?? 200,
  });
  expect(
    validateShape(model, output!.shape, response.json, {
      allowUnknownMembers: false,
    }),
  ).toEqual([]);
}

function expectMatchesError(errorType: string, response: RawResponse) {
  const shape = model.shapes[errorType];
  expect(response.headers.get('x-amzn-errortype')).toBe(errorType);
  expect(response.status).toBe(shape.error!.httpStatusCode);
  expect(
    validateShape(model, errorType, response.json, {
      allowUnknownMembers: false,
    }),
  ).toEqual([]);
}

describe('raw responses match the DRS service model', () => {
  let simulator: SimulatorHandle;
  const calls: Record<string, number> = {};

  async function call(
    operation: string,
    body: unknown,
    options: { region?: string } = {},
  ) {
    calls[operation] = (calls[operation] ?? 0) + 1;
    expect(
      validateShape(
        model,
        model.operations[operation].input!.shape,
        typeof body === 'string' ? {} : body,
        { allowUnknownMembers: false },
      ),
    ).toEqual([]);
    const response = await rawCall(simulator, operation, body, options);
    expectMatchesOutput(operation, response);
    return response.json;
  }

  /** Every read operation, for every server, job and instance that exists now. */
  async function checkEverything(region?: string) {
    const options = { region };
    const { items: servers } = await call('DescribeSourceServers', {}, options);
    for (const server of servers) {
      await call(
        'GetLaunchConfiguration',
        { sourceServerID: server.sourceServerID },
        options,
      );
      await call(
        'DescribeRecoverySnapshots',
        { sourceServerID: server.sourceServerID, order: 'DESC' },
        options,
      );
    }
    const { items: jobs } = await call('DescribeJobs', {}, options);
    for (const job of jobs) {
      await call('DescribeJobLogItems', { jobID: job.jobID }, options);
    }
    await call('DescribeRecoveryInstances', {}, options);
    await call('DescribeJobs', { maxResults: 1 }, options);
  }

  beforeAll(async () => {
    ({ simulator } = await startTestSimulator());
  });
  afterAll(() => simulator.close());

  // Hundreds of calls: allow for a loaded CI machine.
  jest.setTimeout(30_000);

  it('for every implemented operation, through a job’s whole life and its traps', async () => {
    simulator.setReplication({
      sourceServer: 'app-4',
      replicationState: 'BACKLOG',
    });
    simulator.setReplication({
      sourceServer: 'app-5',
      replicationState: 'DISCONNECTED',
      lagSeconds: 30,
    });
    simulator.setFaults({
      missingRecoveryInstanceIdShare: 0.5,
      failServers: { 'app-2': 'cleanup' },
    });
    await checkEverything();

    const { job } = await call('StartRecovery', {
      sourceServers: [
        { sourceServerID: WEB_1 },
        { sourceServerID: app(1) },
        { sourceServerID: app(2) },
        {
          sourceServerID: deriveSourceServerId(
            ACCOUNT,
            'us-east-1',
            'doomed-1',
          ),
        },
      ],
      isDrill: true,
      tags: { Plan: 'checkout' },
    });
    for (let i = 0; i < 10; i++) {
      await checkEverything();
      simulator.advance(60);
    }
    const { items: instances } = await call('DescribeRecoveryInstances', {});
    expect(instances.length).toBeGreaterThan(0);
    await call('TerminateRecoveryInstances', {
      recoveryInstanceIDs: instances.map(
        (i: { recoveryInstanceID: string }) => i.recoveryInstanceID,
      ),
    });
    for (let i = 0; i < 3; i++) {
      await checkEverything();
      simulator.advance(30);
    }
    const { items: jobs } = await call('DescribeJobs', {
      filters: { jobIDs: [job.jobID] },
    });
    expect(jobs[0].status).toBe('COMPLETED');
  });

  it('for the way back: reverse replication, its sync, the failback launch, re-protect', async () => {
    simulator.reset();
    const WEST = { region: 'us-west-2' };
    const west1 = deriveSourceServerId(ACCOUNT, 'us-west-2', 'west-1');
    const west2 = deriveSourceServerId(ACCOUNT, 'us-west-2', 'west-2');
    await call(
      'StartRecovery',
      { sourceServers: [{ sourceServerID: west1 }, { sourceServerID: west2 }] },
      WEST,
    );
    simulator.advance(600);
    const { items: instances } = await call(
      'DescribeRecoveryInstances',
      { filters: { sourceServerIDs: [west1] } },
      WEST,
    );
    const recovered = instances[0].recoveryInstanceID;
    const { reversedDirectionSourceServerArn: arn } = await call(
      'ReverseReplication',
      { recoveryInstanceID: recovered },
      WEST,
    );
    const reversedId = arn.split('/')[1];
    simulator.setFaults({ stallReplicationShare: 1 });
    await call('StopReplication', { sourceServerID: west2 }, WEST);
    await call('StartReplication', { sourceServerID: west2 }, WEST);
    for (let i = 0; i < 12; i++) {
      await checkEverything('us-west-2');
      await checkEverything();
      simulator.advance(60);
    }
    const { job } = await call('StartRecovery', {
      sourceServers: [{ sourceServerID: reversedId }],
    });
    for (let i = 0; i < 10; i++) {
      await checkEverything();
      simulator.advance(60);
    }
    const { items: back } = await call('DescribeRecoveryInstances', {
      filters: { sourceServerIDs: [reversedId] },
    });
    expect(back[0].jobID).toBe(job.jobID);
    await call('ReverseReplication', {
      recoveryInstanceID: back[0].recoveryInstanceID,
    });
    await checkEverything('us-west-2');
    await checkEverything();

    const refusals: [string, string, Promise<RawResponse>][] = [
      [
        'ReverseReplication',
        'ConflictException',
        rawCall(
          simulator,
          'ReverseReplication',
          { recoveryInstanceID: recovered },
          WEST,
        ),
      ],
      [
        'ReverseReplication',
        'ResourceNotFoundException',
        rawCall(simulator, 'ReverseReplication', {
          recoveryInstanceID: 'i-00000000000000000',
        }),
      ],
      [
        'ReverseReplication',
        'ValidationException',
        rawCall(simulator, 'ReverseReplication', {
          recoveryInstanceID: 'not-an-instance',
        }),
      ],
      [
        'StartReplication',
        'ConflictException',
        rawCall(simulator, 'StartReplication', { sourceServerID: WEB_1 }),
      ],
      [
        'StopReplication',
        'ResourceNotFoundException',
        rawCall(simulator, 'StopReplication', {
          sourceServerID: 's-00000000000000000',
        }),
      ],
    ];
    for (const [operation, errorType, response] of refusals) {
      expect(
        model.operations[operation].errors!.map(error => error.shape),
      ).toContain(errorType);
      expectMatchesError(errorType, await response);
    }
  });

  it('pages every implemented operation the model’s paginators list, as they describe', async () => {
    simulator.reset();
    const { job } = await call('StartRecovery', {
      sourceServers: [{ sourceServerID: WEB_1 }, { sourceServerID: app(1) }],
    });
    simulator.advance(600);
    await call('StartRecovery', {
      sourceServers: [{ sourceServerID: app(3) }],
    });
    const required: Record<string, object> = {
      DescribeJobLogItems: { jobID: job.jobID },
      DescribeRecoverySnapshots: { sourceServerID: WEB_1 },
    };
    const paginated = Object.entries(paginators.pagination).filter(
      ([operation]) => operation in OPERATIONS,
    );
    expect(paginated.map(([operation]) => operation).sort()).toEqual([
      'DescribeJobLogItems',
      'DescribeJobs',
      'DescribeRecoveryInstances',
      'DescribeRecoverySnapshots',
      'DescribeSourceServers',
    ]);
    for (const [operation, keys] of paginated) {
      const base = required[operation] ?? {};
      const whole = (await call(operation, base))[keys.result_key];
      const pages: unknown[][] = [];
      let token: string | undefined;
      do {
        const page = await call(operation, {
          ...base,
          [keys.limit_key]: 1,
          ...(token ? { [keys.input_token]: token } : {}),
        });
        pages.push(page[keys.result_key]);
        token = page[keys.output_token];
      } while (token && pages.length <= whole.length);
      expect({ operation, pages: pages.length }).toEqual({
        operation,
        pages: whole.length,
      });
      expect(whole.length).toBeGreaterThan(1);
      expect(pages.flat()).toEqual(whole);
    }
  });

  it('for recoveries of servers that stopped replicating: chosen, last or no point in time', async () => {
    simulator.reset();
    simulator.advance(3600);
    simulator.setServersReplication({
      sourceServers: ['app-1', 'app-2'],
      replicationState: 'STALLED',
    });
    simulator.setReplication({
      sourceServer: 'app-3',
      replicationState: 'STOPPED',
    });
    simulator.advance(600);
    expect(
      (await call('DescribeRecoverySnapshots', { sourceServerID: app(3) }))
        .items,
    ).toEqual([]);
    const query = {
      sourceServerID: app(1),
      filters: { toDateTime: '2024-05-01T12:45:00.000Z' },
      order: 'DESC',
      maxResults: 2,
    };
    const firstPage = await call('DescribeRecoverySnapshots', query);
    const [chosen] = firstPage.items;
    expect(chosen.timestamp).toBe('2024-05-01T12:41:00.000Z');
    await call('DescribeRecoverySnapshots', {
      ...query,
      nextToken: firstPage.nextToken,
    });

    const request = {
      sourceServers: [
        { sourceServerID: app(1), recoverySnapshotID: chosen.snapshotID },
        { sourceServerID: app(2) },
        { sourceServerID: WEB_1 },
      ],
      isDrill: false,
    };
    expect(
      validateShape(model, 'StartRecoveryRequest', request, {
        allowUnknownMembers: false,
      }),
    ).toEqual([]);
    const { job } = await call('StartRecovery', request);
    simulator.advance(10);
    const [inProgress] = (
      await call('DescribeRecoverySnapshots', {
        sourceServerID: WEB_1,
        order: 'DESC',
      })
    ).items;
    expect(inProgress.timestamp).toBeUndefined();
    for (let i = 0; i < 12; i++) {
      await call('DescribeJobs', { filters: { jobIDs: [job.jobID] } });
      simulator.advance(60);
    }
    const { items: log } = await call('DescribeJobLogItems', {
      jobID: job.jobID,
    });
    expect(
      log
        .filter((i: any) => i.event === 'USING_PREVIOUS_SNAPSHOT')
        .map((i: any) => i.eventData.sourceServerID),
    ).toEqual([app(1), app(2)]);
    const { items: instances } = await call('DescribeRecoveryInstances', {
      filters: { sourceServerIDs: [app(1), app(2)] },
    });
    expect(
      instances.map((i: any) => [
        i.sourceServerID,
        i.pointInTimeSnapshotDateTime,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [app(1), '2024-05-01T12:41:00.000Z'],
        [app(2), '2024-05-01T12:51:00.000Z'],
      ]),
    );

    expect(
      model.operations.StartRecovery.errors!.map(error => error.shape),
    ).toContain('ConflictException');
    const refused = await rawCall(simulator, 'StartRecovery', {
      sourceServers: [{ sourceServerID: app(3) }],
    });
    expectMatchesError('ConflictException', refused);
    expect(refused.json.resourceId).toBe(app(3));

    simulator.setFaults({ throttleShare: 1 });
    expectMatchesError(
      'ThrottlingException',
      await rawCall(simulator, 'DescribeRecoverySnapshots', {
        sourceServerID: WEB_1,
      }),
    );
  });

  it('for every modeled error the simulator answers', async () => {
    simulator.reset();
    expectMatchesError(
      'ValidationException',
      await rawCall(simulator, 'StartRecovery', { sourceServers: [] }),
    );
    expectMatchesError(
      'ValidationException',
      await rawCall(simulator, 'DescribeJobs', '{not json'),
    );
    expectMatchesError(
      'ResourceNotFoundException',
      await rawCall(simulator, 'GetLaunchConfiguration', {
        sourceServerID: 's-00000000000000000',
      }),
    );
    await rawCall(simulator, 'StartRecovery', {
      sourceServers: [{ sourceServerID: WEB_1 }],
    });
    expectMatchesError(
      'ConflictException',
      await rawCall(simulator, 'StartRecovery', {
        sourceServers: [{ sourceServerID: WEB_1 }],
      }),
    );
    expectMatchesError(
      'UninitializedAccountException',
      await rawCall(simulator, 'DescribeJobs', {}, { region: 'eu-west-1' }),
    );

    simulator.setFaults({ throttleShare: 1, throttleRetryAfterSeconds: 3 });
    const throttled = await rawCall(simulator, 'DescribeJobs', {});
    expectMatchesError('ThrottlingException', throttled);
    expect(throttled.headers.get('retry-after')).toBe('3');

    simulator.setFaults({ throttleShare: 0, internalErrorShare: 1 });
    expectMatchesError(
      'InternalServerException',
      await rawCall(simulator, 'DescribeJobs', {}),
    );

    simulator.reset();
    const quota = await startTestSimulator({ quotas: { maxServersPerJob: 1 } });
    try {
      expectMatchesError(
        'ServiceQuotaExceededException',
        await rawCall(quota.simulator, 'StartRecovery', {
          sourceServers: [
            { sourceServerID: WEB_1 },
            { sourceServerID: app(1) },
          ],
        }),
      );
    } finally {
      await quota.simulator.close();
    }
  });

  it('covers every implemented operation', () => {
    expect(Object.keys(calls).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });
});
