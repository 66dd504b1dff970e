import { loadServiceModel } from './model';
import { validateShape } from './shapeValidation';
import { CLOUDFORMATION_OPERATIONS } from './cloudFormation/operations';
import {
  rawCloudFormationCall,
  RawOptions,
  STRICT,
  useTestSimulator,
} from './__testUtils__/harness';
import { awsQuery, parseXml, readQueryXml } from './__testUtils__/queryWire';
import {
  DRS_STACK_PARAMETERS,
  DRS_STACK_TEMPLATE,
  parameters,
} from './__testUtils__/stacks';

const model = loadServiceModel('cloudformation');
const VERSION = model.metadata.apiVersion;
const NAMESPACE = model.metadata.xmlNamespace;
const STACK = 'drs-orchestration-prod';

/**
 * Every CloudFormation request the test sends is a document the model accepts, written as AWS
 * query parameters; every answer, fetched raw, is XML in `<OpResponse><OpResult>` whose elements
 * and values match the model (model/cloudformation-service-model.json); every error is in the
 * query protocol's envelope, modeled ones with the model's code and status.
 */
// One test walks a stack through its whole life, dozens of raw calls: seconds on a busy machine.
jest.setTimeout(30_000);

describe('raw CloudFormation requests and answers match the CloudFormation service model', () => {
  const world = useTestSimulator();
  const seen = new Set<string>();

  async function call(operation: string, input: Record<string, unknown>) {
    const { input: inputRef, output } = model.operations[operation];
    expect(validateShape(model, inputRef!.shape, input, STRICT)).toEqual([]);
    const response = await rawCloudFormationCall(world.simulator, {
      Action: operation,
      Version: VERSION,
      ...awsQuery(model, inputRef!.shape, input),
    });
    expect({ operation, status: response.status, body: response.text }).toEqual(
      { operation, status: 200, body: expect.any(String) },
    );
    const { root, namespace, content } = parseXml(response.text);
    expect([root, namespace]).toEqual([`${operation}Response`, NAMESPACE]);
    const { ResponseMetadata, ...result } = content as Record<string, any>;
    expect(ResponseMetadata.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    seen.add(operation);
    if (!output) {
      expect(result).toEqual({});
      return {};
    }
    const wrapper = output.resultWrapper!;
    expect(Object.keys(result)).toEqual([wrapper]);
    const { value, issues } = readQueryXml(
      model,
      output.shape,
      result[wrapper],
    );
    expect(issues).toEqual([]);
    expect(validateShape(model, output.shape, value, STRICT)).toEqual([]);
    return value as Record<string, any>;
  }

  /** Asks for the stack, its events (every page) and, if given, a change set. */
  async function describeAll(changeSetId?: string) {
    await call('DescribeStacks', { StackName: STACK });
    await call('DescribeStacks', {});
    let NextToken: string | undefined;
    do {
      ({ NextToken } = await call('DescribeStackEvents', {
        StackName: STACK,
        ...(NextToken ? { NextToken } : {}),
      }));
    } while (NextToken);
    if (changeSetId)
      await call('DescribeChangeSet', { ChangeSetName: changeSetId });
  }

  async function changeSet(
    type: 'CREATE' | 'UPDATE',
    values: Record<string, string>,
    name: string,
  ) {
    const { Id } = await call('CreateChangeSet', {
      StackName: STACK,
      ChangeSetName: name,
      ChangeSetType: type,
      TemplateBody: DRS_STACK_TEMPLATE,
      Parameters: parameters({ ...DRS_STACK_PARAMETERS, ...values }),
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      Tags: [{ Key: 'Application', Value: 'drs-orchestration' }],
      ClientToken: name,
      Description: 'from the contract test',
    });
    await describeAll(Id);
    world.simulator.advance(10);
    await describeAll(Id);
    return Id as string;
  }

  async function execute(changeSetId: string) {
    await call('ExecuteChangeSet', {
      ChangeSetName: changeSetId,
      ClientRequestToken: `run-${changeSetId.slice(-8)}`,
    });
    for (let step = 0; step < 40; step++) {
      await describeAll(changeSetId);
      world.simulator.advance(3);
    }
  }

  it('for every operation served, through creation, an update, a rollback and a deletion', async () => {
    const { simulator } = world;
    const validation = await call('ValidateTemplate', {
      TemplateBody: DRS_STACK_TEMPLATE,
    });
    expect(validation.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
    await execute(await changeSet('CREATE', {}, 'create'));
    const unchanged = await changeSet('UPDATE', {}, 'unchanged');
    expect(
      (await call('DescribeChangeSet', { ChangeSetName: unchanged })).Status,
    ).toBe('FAILED');
    await call('DeleteChangeSet', {
      ChangeSetName: 'unchanged',
      StackName: STACK,
    });
    simulator.setFaults({ failStackResources: { ExecutionsTable: 'update' } });
    await execute(
      await changeSet('UPDATE', { EnvironmentName: 'staging' }, 'rename'),
    );
    expect(
      (await call('DescribeStacks', { StackName: STACK })).Stacks[0]
        .StackStatus,
    ).toBe('UPDATE_ROLLBACK_COMPLETE');
    simulator.setFaults({ failStackResources: {} });
    await execute(
      await changeSet('UPDATE', { AlarmEmail: 'sre@example.com' }, 'email'),
    );
    const { Stacks } = await call('DescribeStacks', { StackName: STACK });
    await call('DeleteStack', {
      StackName: STACK,
      ClientRequestToken: 'delete-1',
    });
    simulator.advance(120);
    await call('DescribeStacks', { StackName: Stacks[0].StackId });
    await call('DescribeStackEvents', { StackName: Stacks[0].StackId });

    expect([...seen].sort()).toEqual(
      Object.keys(CLOUDFORMATION_OPERATIONS).sort(),
    );
  });

  it('would see answers that break the model', () => {
    const { issues } = readQueryXml(model, 'DescribeStacksOutput', {
      Stacks: { member: [{ StackName: 's', Colour: 'red' }], item: '' },
    });
    expect(issues).toEqual([
      { path: 'Stacks.item', message: 'is not an <member> of the list' },
      { path: 'Stacks[0].Colour', message: 'is not in Stack' },
    ]);
  });

  it('answers errors in the query protocol’s envelope, modeled ones with the model’s codes and statuses', async () => {
    const { simulator } = world;
    const refused = async (
      params: Record<string, string>,
      options: RawOptions = {},
    ) => {
      const response = await rawCloudFormationCall(
        simulator,
        { Version: VERSION, ...params },
        options,
      );
      const { root, namespace, content } = parseXml(response.text);
      expect([root, namespace]).toEqual(['ErrorResponse', NAMESPACE]);
      expect(Object.keys(content)).toEqual(['Error', 'RequestId']);
      const { Error: error } = content as any;
      expect(Object.keys(error)).toEqual(['Type', 'Code', 'Message']);
      expect(error.Type).toBe(response.status >= 500 ? 'Receiver' : 'Sender');
      expect(error.Message).not.toBe('');
      return [response.status, error.Code];
    };
    const modeled = (shape: string) => {
      const { error } = model.shapes[shape];
      return [error!.httpStatusCode, error!.code];
    };
    const create = {
      Action: 'CreateChangeSet',
      StackName: 'small',
      ChangeSetName: 'first',
      ChangeSetType: 'CREATE',
      TemplateBody:
        'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: r',
    };
    const withIam = {
      ...create,
      'Capabilities.member.1': 'CAPABILITY_NAMED_IAM',
      ClientToken: 't',
    };
    expect(await refused(create)).toEqual(
      modeled('InsufficientCapabilitiesException'),
    );
    const send = (params: Record<string, string>) =>
      rawCloudFormationCall(simulator, { Version: VERSION, ...params });
    expect((await send(withIam)).status).toBe(200);
    const inSmall = { StackName: 'small', ChangeSetName: 'first' };
    const executeSmall = { Action: 'ExecuteChangeSet', ...inSmall };
    const describeAny = { Action: 'DescribeStacks' };
    /** Each refusal in turn, after what sets the world up for it. */
    const refusals: {
      params: Record<string, string>;
      expected: unknown[];
      options?: RawOptions;
      first?: () => unknown;
    }[] = [
      {
        params: { ...withIam, ClientToken: 'other' },
        expected: modeled('AlreadyExistsException'),
      },
      {
        params: executeSmall,
        expected: modeled('InvalidChangeSetStatusException'),
      },
      {
        params: {
          ...executeSmall,
          Action: 'DescribeChangeSet',
          ChangeSetName: 'none',
        },
        expected: modeled('ChangeSetNotFoundException'),
      },
      {
        params: { ...describeAny, StackName: 'nothing' },
        expected: [400, 'ValidationError'],
      },
      {
        params: { ...describeAny, NextToken: 'bad' },
        expected: [400, 'ValidationError'],
      },
      {
        params: { ...describeAny, Colour: 'red' },
        expected: [400, 'ValidationError'],
      },
      { params: { Action: 'DeleteStack' }, expected: [400, 'ValidationError'] },
      { params: { Action: 'CreateStack' }, expected: [400, 'InvalidAction'] },
      {
        params: describeAny,
        options: { authorization: 'none' },
        expected: [403, 'MissingAuthenticationToken'],
      },
      {
        params: describeAny,
        options: { region: 'eu-west-1' },
        expected: [403, 'InvalidClientTokenId'],
      },
      {
        first: async () => {
          simulator.advance(10);
          await send({ ...executeSmall, ClientRequestToken: 'run' });
          simulator.advance(60);
        },
        params: {
          Action: 'DeleteStack',
          StackName: 'small',
          ClientRequestToken: 'run',
        },
        expected: modeled('TokenAlreadyExistsException'),
      },
      {
        first: () => simulator.setFaults({ throttleShare: 1 }),
        params: describeAny,
        expected: [400, 'Throttling'],
      },
      {
        first: () =>
          simulator.setFaults({ throttleShare: 0, internalErrorShare: 1 }),
        params: describeAny,
        expected: [500, 'InternalFailure'],
      },
    ];
    for (const { first, params, options, expected } of refusals) {
      await first?.();
      expect(await refused(params, options)).toEqual(expected);
    }
  });
});
