import {
  Capability,
  CreateChangeSetCommand,
  CreateChangeSetCommandInput,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { rejectionOf, startTestSimulator } from './__testUtils__/harness';
import {
  changeSetWhenReady,
  deploy,
  deployDrsStack,
  describeStack,
  DRS_STACK,
  DRS_STACK_PARAMETERS,
  DRS_STACK_TEMPLATE,
  eventLines,
  eventsOf,
  parameters,
  SMALL_TEMPLATE,
  stackWhenSettled,
  cloudFormationClient,
  useStackWorld,
} from './__testUtils__/stacks';

describe('CloudFormation when things go wrong', () => {
  const world = useStackWorld();

  it('rolls a failed creation back in reverse order, keeps the retained tables, and then refuses updates', async () => {
    world.simulator.setFaults({
      failStackResources: { BackendPolicy: 'create' },
    });

    const { stack } = await deployDrsStack(world, 'CREATE');

    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const events = await eventsOf(world.cfn, DRS_STACK);
    const lines = eventLines(events);
    const failed = events.find(e => e.ResourceStatus === 'CREATE_FAILED')!;
    expect([failed.LogicalResourceId, failed.ResourceStatusReason]).toEqual([
      'BackendPolicy',
      expect.stringContaining('The simulator fails BackendPolicy on create'),
    ]);
    const rollback = events.find(
      e => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS',
    )!;
    expect(rollback.ResourceStatusReason).toMatch(
      /^The following resource\(s\) failed to create: \[BackendPolicy.*\]\. Rollback requested by user\.$/,
    );
    const undone = lines.slice(
      lines.indexOf(`${DRS_STACK} ROLLBACK_IN_PROGRESS`),
    );
    expect(undone).toEqual(
      expect.arrayContaining([
        'PlansTable DELETE_SKIPPED',
        'ExecutionsTable DELETE_SKIPPED',
        'BackendRole DELETE_COMPLETE',
        'PlansReadThrottleAlarm DELETE_COMPLETE',
        `${DRS_STACK} ROLLBACK_COMPLETE`,
      ]),
    );
    // What refers to a table goes first.
    expect(
      undone.indexOf('PlansReadThrottleAlarm DELETE_COMPLETE'),
    ).toBeLessThan(undone.indexOf('PlansTable DELETE_SKIPPED'));
    expect(stack.Outputs).toBeUndefined();
    expect((await world.dynamo.tables()).sort()).toEqual([
      'drs-orchestration-prod-executions',
      'drs-orchestration-prod-plans',
    ]);
    const refused = await rejectionOf(deployDrsStack(world, 'UPDATE'));
    expect(refused.message).toBe(
      `Stack:${stack.StackId} is in ROLLBACK_COMPLETE state and can not be updated.`,
    );
  });

  it('fails a new stack on tables a deleted one retained, naming them', async () => {
    // The dashboard comes last: the tables exist by then, and the rollback retains them.
    world.simulator.setFaults({ failStackResources: { Dashboard: 'create' } });
    await deployDrsStack(world, 'CREATE');
    await world.cfn.send(new DeleteStackCommand({ StackName: DRS_STACK }));
    world.simulator.advance(120);
    world.simulator.setFaults({ failStackResources: {} });

    const { stack } = await deployDrsStack(world, 'CREATE', {}, 'deploy-again');

    expect(stack.StackStatus).toBe('ROLLBACK_COMPLETE');
    const failures = (await eventsOf(world.cfn, DRS_STACK))
      .filter(e => e.ResourceStatus === 'CREATE_FAILED')
      .map(e => e.ResourceStatusReason);
    expect(failures).toContain(
      "Resource of type 'AWS::DynamoDB::Table' with identifier 'drs-orchestration-prod-plans' already exists.",
    );
  });

  it('rolls a failed update back: the old resources and outputs stay, what it added is deleted', async () => {
    const { stack: before } = await deployDrsStack(world, 'CREATE');
    world.simulator.setFaults({
      failStackResources: { PlansReadThrottleAlarm: 'update' },
    });

    const { stack } = await deployDrsStack(world, 'UPDATE', {
      AlarmEmail: 'sre@example.com',
    });

    expect(stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(stack.StackStatusReason).toBeUndefined();
    expect(stack.Outputs).toEqual(before.Outputs);
    const lines = eventLines(await eventsOf(world.cfn, DRS_STACK));
    const rollback = lines.slice(
      lines.indexOf(`${DRS_STACK} UPDATE_ROLLBACK_IN_PROGRESS`),
    );
    expect(rollback).toEqual(
      expect.arrayContaining([
        'PlansReadThrottleAlarm UPDATE_COMPLETE',
        'AlarmTopic DELETE_COMPLETE',
        `${DRS_STACK} UPDATE_ROLLBACK_COMPLETE`,
      ]),
    );
    expect(
      world.simulator.state().accounts[0].stacks[0].resources,
    ).not.toContainEqual(expect.objectContaining({ logicalId: 'AlarmTopic' }));
  });

  it('leaves a failed creation as it is with DisableRollback: CREATE_FAILED, and updatable', async () => {
    world.simulator.setFaults({ failStackResources: { Dashboard: 'create' } });
    const { Id } = await world.cfn.send(
      new CreateChangeSetCommand({
        StackName: DRS_STACK,
        ChangeSetName: 'keep-going',
        ChangeSetType: 'CREATE',
        TemplateBody: DRS_STACK_TEMPLATE,
        Parameters: parameters(DRS_STACK_PARAMETERS),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    );
    await changeSetWhenReady(world.cfn, world.simulator, Id!);
    await world.cfn.send(
      new ExecuteChangeSetCommand({ ChangeSetName: Id, DisableRollback: true }),
    );
    const stack = await stackWhenSettled(world.cfn, world.simulator, DRS_STACK);

    expect([stack.StackStatus, stack.DisableRollback]).toEqual([
      'CREATE_FAILED',
      true,
    ]);
    world.simulator.setFaults({ failStackResources: {} });
    const { changeSet, stack: fixed } = await deployDrsStack(world, 'UPDATE');
    // The policy was still being created when the dashboard failed: cancelled, it comes again.
    expect(
      changeSet.Changes!.map(c => c.ResourceChange!.LogicalResourceId),
    ).toEqual(['BackendPolicy', 'Dashboard']);
    expect(fixed.StackStatus).toBe('UPDATE_COMPLETE');
  });

  it('refuses a stack operation while another is under way, and a deletion of it', async () => {
    await deployDrsStack(world, 'CREATE');
    const { Id } = await world.cfn.send(
      new CreateChangeSetCommand({
        StackName: DRS_STACK,
        ChangeSetName: 'email',
        TemplateBody: DRS_STACK_TEMPLATE,
        Parameters: parameters({
          ...DRS_STACK_PARAMETERS,
          AlarmEmail: 'a@b.co',
        }),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    );
    await changeSetWhenReady(world.cfn, world.simulator, Id!);
    await world.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: Id }));
    expect((await describeStack(world.cfn, DRS_STACK)).StackStatus).toBe(
      'UPDATE_IN_PROGRESS',
    );

    const busy = await rejectionOf(
      deployDrsStack(world, 'UPDATE', {}, 'second'),
    );
    expect(busy.message).toMatch(
      /is in UPDATE_IN_PROGRESS state and can not be updated\.$/,
    );
    const deletion = await rejectionOf(
      world.cfn.send(new DeleteStackCommand({ StackName: DRS_STACK })),
    );
    expect(deletion.message).toBe(
      `Stack [${DRS_STACK}] cannot be deleted while in status UPDATE_IN_PROGRESS`,
    );
  });

  it('refuses what CloudFormation refuses, with its errors', async () => {
    const request: CreateChangeSetCommandInput = {
      StackName: 'small',
      ChangeSetName: 'first',
      ChangeSetType: 'CREATE',
      TemplateBody: SMALL_TEMPLATE,
      Parameters: parameters({ Prefix: 'small-' }),
    };
    const refusal = async (promise: Promise<unknown>) => {
      const error = await rejectionOf(promise);
      return [error.name, error.message];
    };
    const create = (input: Partial<CreateChangeSetCommandInput>) =>
      world.cfn.send(new CreateChangeSetCommand({ ...request, ...input }));

    expect(await refusal(create({}))).toEqual([
      'InsufficientCapabilitiesException',
      'Requires capabilities : [CAPABILITY_IAM]',
    ]);
    expect(
      await refusal(
        create({
          TemplateBody: DRS_STACK_TEMPLATE,
          Parameters: parameters(DRS_STACK_PARAMETERS),
          Capabilities: [Capability.CAPABILITY_IAM],
        }),
      ),
    ).toEqual([
      'InsufficientCapabilitiesException',
      'Requires capabilities : [CAPABILITY_NAMED_IAM]',
    ]);
    const withIam = { Capabilities: [Capability.CAPABILITY_IAM] };
    expect(await refusal(create({ ...withIam, Parameters: [] }))).toEqual([
      'ValidationError',
      'Parameters: [Prefix] must have values',
    ]);
    expect(
      await refusal(
        create({
          ...withIam,
          Parameters: parameters({ Prefix: 'x', Colour: 'red' }),
        }),
      ),
    ).toEqual([
      'ValidationError',
      'Parameters: [Colour] do not exist in the template',
    ]);
    expect(
      await refusal(
        create({
          ...withIam,
          Parameters: parameters({ Prefix: 'Bad Prefix' }),
        }),
      ),
    ).toEqual([
      'ValidationError',
      "Parameter 'Prefix' must match pattern ^[a-z-]+$",
    ]);
    expect(
      await refusal(create({ ...withIam, ChangeSetType: 'UPDATE' })),
    ).toEqual(['ValidationError', 'Stack [small] does not exist']);
    expect(
      await refusal(
        create({
          ...withIam,
          TemplateBody: undefined,
          TemplateURL: 'https://bucket/t.yaml',
        }),
      ),
    ).toEqual([
      'ValidationError',
      'The simulator does not simulate TemplateURL (templates in S3); send TemplateBody',
    ]);

    const { Id } = await create({ ...withIam, ClientToken: 'token-1' });
    // The same request and token is a retry; the same name otherwise is taken.
    expect((await create({ ...withIam, ClientToken: 'token-1' })).Id).toBe(Id);
    expect(await refusal(create(withIam))).toEqual([
      'AlreadyExistsException',
      'ChangeSet [first] already exists',
    ]);
    expect(
      await refusal(
        world.cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: Id })),
      ),
    ).toEqual([
      'InvalidChangeSetStatusException',
      `ChangeSet [${Id}] cannot be executed in its current status of [CREATE_PENDING]`,
    ]);
    expect(
      await refusal(
        world.cfn.send(new DeleteChangeSetCommand({ ChangeSetName: Id })),
      ),
    ).toEqual([
      'InvalidChangeSetStatusException',
      `ChangeSet [${Id}] cannot be deleted in its current status of [CREATE_PENDING]`,
    ]);
    expect(
      await refusal(
        world.cfn.send(
          new DescribeChangeSetCommand({ ChangeSetName: 'first' }),
        ),
      ),
    ).toEqual([
      'ValidationError',
      'StackName must be specified if ChangeSetName is not specified as an ARN.',
    ]);
    expect(
      await refusal(
        world.cfn.send(
          new DescribeChangeSetCommand({
            ChangeSetName: 'other',
            StackName: 'small',
          }),
        ),
      ),
    ).toEqual([
      'ChangeSetNotFoundException',
      'ChangeSet [other] does not exist',
    ]);

    await changeSetWhenReady(world.cfn, world.simulator, Id!);
    await world.cfn.send(
      new ExecuteChangeSetCommand({
        ChangeSetName: Id,
        ClientRequestToken: 'run-1',
      }),
    );
    // A retry with the token that executed it succeeds; any other execution is refused.
    await world.cfn.send(
      new ExecuteChangeSetCommand({
        ChangeSetName: Id,
        ClientRequestToken: 'run-1',
      }),
    );
    expect(
      await refusal(
        world.cfn.send(
          new ExecuteChangeSetCommand({
            ChangeSetName: Id,
            ClientRequestToken: 'run-2',
          }),
        ),
      ),
    ).toEqual([
      'InvalidChangeSetStatusException',
      `ChangeSet [${Id}] cannot be executed in its current execution status of [EXECUTE_IN_PROGRESS]`,
    ]);
    expect(
      (await stackWhenSettled(world.cfn, world.simulator, 'small')).StackStatus,
    ).toBe('CREATE_COMPLETE');
    expect(
      await refusal(
        world.cfn.send(
          new DeleteStackCommand({
            StackName: 'small',
            ClientRequestToken: 'run-1',
          }),
        ),
      ),
    ).toEqual([
      'TokenAlreadyExistsException',
      'Another Stack operation with the ClientRequestToken run-1 already exists',
    ]);
    expect(
      await refusal(
        create({
          ...withIam,
          ChangeSetName: 'again',
          Parameters: parameters({ Prefix: 'small-' }),
        }),
      ),
    ).toEqual([
      'ValidationError',
      'Stack [small] already exists and cannot be created again with the changeSet [again].',
    ]);
  });

  it('throttles as CloudFormation does, and a change set made but answered 500 is found by its token', async () => {
    const once = cloudFormationClient(world.simulator, { maxAttempts: 1 });
    world.simulator.setFaults({ throttleShare: 1 });
    const throttled = await rejectionOf(
      once.send(new DescribeStacksCommand({})),
    );
    expect([throttled.name, throttled.$metadata.httpStatusCode]).toEqual([
      'Throttling',
      400,
    ]);
    world.simulator.setFaults({ throttleShare: 0, internalErrorShare: 1 });
    const failed = await rejectionOf(once.send(new DescribeStacksCommand({})));
    expect([failed.name, failed.$metadata.httpStatusCode]).toEqual([
      'InternalFailure',
      500,
    ]);

    world.simulator.setFaults({
      internalErrorShare: 0,
      internalErrorAfterCommitShare: 1,
    });
    const input = {
      StackName: 'small',
      ChangeSetName: 'first',
      ChangeSetType: 'CREATE' as const,
      TemplateBody: SMALL_TEMPLATE,
      Parameters: parameters({ Prefix: 'small-' }),
      Capabilities: ['CAPABILITY_IAM' as const],
      ClientToken: 'token-1',
    };
    const lost = await rejectionOf(
      once.send(new CreateChangeSetCommand(input)),
    );
    expect(lost.$metadata.httpStatusCode).toBe(500);
    world.simulator.setFaults({ internalErrorAfterCommitShare: 0 });
    const { Id } = await once.send(new CreateChangeSetCommand(input));
    expect(
      (await changeSetWhenReady(world.cfn, world.simulator, Id!)).Status,
    ).toBe('CREATE_COMPLETE');
    expect(world.simulator.calls().byOperation.CreateChangeSet).toBe(2);
  });

  it('only records tables when the simulator is given no DynamoDB', async () => {
    const { simulator: alone } = await startTestSimulator();
    const client = cloudFormationClient(alone);
    const { stack } = await deploy(client, alone, {
      StackName: 'small',
      ChangeSetType: 'CREATE',
      TemplateBody: SMALL_TEMPLATE,
      Parameters: parameters({ Prefix: 'small-' }),
    });
    await alone.close();

    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Outputs!.find(o => o.OutputKey === 'Where')!.OutputValue).toBe(
      'small-items in us-east-1a',
    );
    expect(
      stack.Outputs!.find(o => o.OutputKey === 'RoleArn')!.OutputValue,
    ).toMatch(/^arn:aws:iam::111122223333:role\/small-Role-[0-9A-F]{12}$/);
    expect(await world.dynamo.tables()).toEqual([]);
  });

  it('pages stack events, newest first, a hundred at a time', async () => {
    const topics = Array.from(
      { length: 40 },
      (_, i) => `  Topic${i}:\n    Type: AWS::SNS::Topic`,
    ).join('\n');
    await deploy(world.cfn, world.simulator, {
      StackName: 'many',
      ChangeSetType: 'CREATE',
      TemplateBody: `Resources:\n${topics}`,
    });

    const events = await eventsOf(world.cfn, 'many');
    expect(events).toHaveLength(2 + 40 * 3);
    expect(new Set(events.map(e => e.EventId)).size).toBe(events.length);
    expect(events.map(e => e.Timestamp!.getTime())).toEqual(
      [...events].map(e => e.Timestamp!.getTime()).sort((a, b) => a - b),
    );
  });
});
