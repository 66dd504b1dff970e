import {
  StartRecoveryCommand,
  TerminateRecoveryInstancesCommand,
} from '@aws-sdk/client-drs';
import { deriveSourceServerId } from './ids';
import { loadServiceModel } from './model';
import { validateShape } from './shapeValidation';
import { EC2_OPERATIONS } from './ec2/operations';
import {
  ACCOUNT,
  drsClient,
  expectModeledRequest,
  rawEc2Call,
  RawOptions,
  REGION,
  STRICT,
  useTestSimulator,
} from './__testUtils__/harness';
import { ec2Query, parseXml, readQueryXml } from './__testUtils__/queryWire';

const model = loadServiceModel('ec2');
const VERSION = model.metadata.apiVersion;
const servers = ['web-1', 'app-1', 'app-2', 'app-3', 'app-4', 'app-5'].map(
  hostname =>
    hostname === 'web-1'
      ? 's-1111111111111111a'
      : deriveSourceServerId(ACCOUNT, REGION, hostname),
);

/**
 * Every EC2 request the test sends is a document the model accepts, written as EC2 query
 * parameters; every answer, fetched raw, is XML whose elements and values match the model
 * (model/ec2-service-model.json). EC2's model has no error shapes: errors are checked against
 * the envelope and codes of the EC2 API reference.
 */
describe('raw EC2 requests and answers match the EC2 service model', () => {
  const world = useTestSimulator();
  const seen = new Set<string>();

  async function call(operation: string, input: Record<string, unknown>) {
    const { inputShape, outputShape } = expectModeledRequest(
      model,
      operation,
      input,
    );
    const response = await rawEc2Call(world.simulator, {
      Action: operation,
      Version: VERSION,
      ...ec2Query(model, inputShape, input),
    });
    expect({ operation, status: response.status, body: response.text }).toEqual(
      { operation, status: 200, body: expect.any(String) },
    );
    const { root, namespace, content } = parseXml(response.text);
    expect([root, namespace]).toEqual([
      `${operation}Response`,
      `${model.metadata.xmlNamespace}/`,
    ]);
    const { requestId, ...members } = content;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const { value, issues } = readQueryXml(model, outputShape, members);
    expect(issues).toEqual([]);
    expect(validateShape(model, outputShape, value, STRICT)).toEqual([]);
    return value as {
      InstanceStatuses: {
        InstanceState: { Name: string };
        InstanceStatus: { Status: string };
        SystemStatus: { Status: string };
      }[];
      NextToken?: string;
    };
  }

  /** Every view of the instances there are now: all, running, by ID, filtered. */
  async function checkEverything() {
    const all = await call('DescribeInstanceStatus', {
      IncludeAllInstances: true,
    });
    for (const status of all.InstanceStatuses) {
      for (const check of [status.InstanceStatus, status.SystemStatus]) {
        seen.add(`${status.InstanceState.Name}/${check.Status}`);
      }
    }
    await call('DescribeInstanceStatus', {});
    await call('DescribeInstanceStatus', {
      Filters: [
        { Name: 'instance-status.status', Values: ['ok', 'impaired'] },
        { Name: 'availability-zone', Values: ['us-east-1*'] },
      ],
      DryRun: false,
    });
  }

  it('for every operation served, through every state and status an instance reaches', async () => {
    const { simulator } = world;
    simulator.setFaults({
      failStatusChecks: { 'app-1': 'system', 'app-2': 'instance' },
    });
    await drsClient(simulator).send(
      new StartRecoveryCommand({
        sourceServers: servers.map(sourceServerID => ({ sourceServerID })),
        isDrill: true,
      }),
    );
    for (let step = 0; step < 30; step++) {
      await checkEverything();
      simulator.advance(25);
    }
    const ids = simulator
      .state()
      .accounts[0].recoveryInstances.map(i => i.recoveryInstanceID);
    await call('DescribeInstanceStatus', {
      InstanceIds: ids,
      IncludeAllInstances: true,
    });
    await drsClient(simulator).send(
      new TerminateRecoveryInstancesCommand({ recoveryInstanceIDs: ids }),
    );
    simulator.advance(10);
    await checkEverything();

    expect(seen).toEqual(
      new Set([
        'pending/not-applicable',
        'running/initializing',
        'running/ok',
        'running/impaired',
        'shutting-down/not-applicable',
      ]),
    );
    expect(Object.keys(EC2_OPERATIONS)).toEqual(['DescribeInstanceStatus']);
  });

  it('pages as the model’s paginator describes', async () => {
    const { simulator } = world;
    await drsClient(simulator).send(
      new StartRecoveryCommand({
        sourceServers: servers.map(sourceServerID => ({ sourceServerID })),
        isDrill: true,
      }),
    );
    simulator.advance(600);
    const keys = model.pagination!.DescribeInstanceStatus;
    const whole = (await call('DescribeInstanceStatus', {}))[
      keys.result_key as 'InstanceStatuses'
    ];
    expect(whole).toHaveLength(servers.length);
    const pages: unknown[][] = [];
    let token: string | undefined;
    do {
      const page = (await call('DescribeInstanceStatus', {
        [keys.limit_key!]: 5,
        ...(token ? { [keys.input_token]: token } : {}),
      })) as Record<string, any>;
      pages.push(page[keys.result_key]);
      token = page[keys.output_token];
    } while (token);
    expect(pages.map(page => page.length)).toEqual([5, 1]);
    expect(pages.flat()).toEqual(whole);
  });

  it('would see answers that break the model', () => {
    const { issues } = readQueryXml(model, 'DescribeInstanceStatusResult', {
      instanceStatusSet: {
        item: [
          {
            instanceId: 'i-0123456789abcdef0',
            colour: 'red',
            instanceState: { code: 'sixteen' },
          },
          { instanceStatus: { details: { entry: '' } } },
        ],
      },
      nextToken: { nested: 'x' },
    });
    expect(issues).toEqual([
      {
        path: 'instanceStatusSet[0].colour',
        message: 'is not in InstanceStatus',
      },
      {
        path: 'instanceStatusSet[0].instanceState.code',
        message: 'must be an integer, got sixteen',
      },
      {
        path: 'instanceStatusSet[1].instanceStatus.details.entry',
        message: 'is not an <item> of the list',
      },
      { path: 'nextToken', message: 'must be text' },
    ]);
  });

  it('answers errors in EC2’s XML envelope, with the codes and statuses EC2 documents', async () => {
    const { simulator } = world;
    const refused = async (
      params: Record<string, string>,
      options: RawOptions = {},
    ) => {
      const response = await rawEc2Call(
        simulator,
        { Version: VERSION, ...params },
        options,
      );
      const { root, content } = parseXml(response.text);
      expect(root).toBe('Response');
      expect(Object.keys(content)).toEqual(['Errors', 'RequestID']);
      const { Error: error } = (content as any).Errors;
      expect(Object.keys(error)).toEqual(['Code', 'Message']);
      expect(error.Message).not.toBe('');
      return [response.status, error.Code];
    };
    const describe = { Action: 'DescribeInstanceStatus' };
    const cases: [Record<string, string>, RawOptions, [number, string]][] = [
      [
        { ...describe, 'InstanceId.1': 'i-0123456789abcdef0' },
        {},
        [400, 'InvalidInstanceID.NotFound'],
      ],
      [
        { ...describe, 'InstanceId.1': 'web-1' },
        {},
        [400, 'InvalidInstanceID.Malformed'],
      ],
      [
        { ...describe, 'InstanceId.1': 'i-0123456789abcdef0', MaxResults: '5' },
        {},
        [400, 'InvalidParameterCombination'],
      ],
      [{ ...describe, MaxResults: '2000' }, {}, [400, 'InvalidParameterValue']],
      [
        { ...describe, 'Filter.1.Name': 'tag:Name', 'Filter.1.Value.1': 'x' },
        {},
        [400, 'InvalidParameterValue'],
      ],
      [{ ...describe, NextToken: 'bad' }, {}, [400, 'InvalidPaginationToken']],
      [{ ...describe, DryRun: 'true' }, {}, [412, 'DryRunOperation']],
      [{ ...describe, Colour: 'x' }, {}, [400, 'UnknownParameter']],
      [{ Action: 'RunInstances' }, {}, [400, 'InvalidAction']],
      [{}, {}, [400, 'MissingAction']],
      [describe, { authorization: 'none' }, [401, 'AuthFailure']],
      [describe, { region: 'eu-west-1' }, [403, 'OptInRequired']],
    ];
    for (const [params, options, expected] of cases) {
      expect(await refused(params, options)).toEqual(expected);
    }
    simulator.setFaults({ throttleShare: 1 });
    expect(await refused(describe)).toEqual([503, 'RequestLimitExceeded']);
    simulator.setFaults({ throttleShare: 0, internalErrorShare: 1 });
    expect(await refused(describe)).toEqual([500, 'InternalError']);
  });
});
