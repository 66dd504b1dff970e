import {
  DeleteStackCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { rejectionOf } from './__testUtils__/harness';
import {
  deployDrsStack,
  DRS_STACK,
  DRS_STACK_TEMPLATE,
  eventLines,
  eventsOf,
  SMALL_TEMPLATE,
  stackWhenSettled,
  useStackWorld,
} from './__testUtils__/stacks';

describe('CloudFormation through the real @aws-sdk/client-cloudformation', () => {
  const world = useStackWorld();

  it('validates a template: its parameters, description and the capability its IAM resources need', async () => {
    const drs = await world.cfn.send(
      new ValidateTemplateCommand({ TemplateBody: DRS_STACK_TEMPLATE }),
    );
    expect(drs.Parameters!.map(p => [p.ParameterKey, p.DefaultValue])).toEqual([
      ['EnvironmentName', undefined],
      ['TablePrefix', undefined],
      ['AlarmEmail', ''],
      ['BackstagePrincipalArn', undefined],
      ['AutomationDocuments', ''],
      ['AutomationAssumeRoleArn', ''],
      ['MetricsNamespace', 'DRSOrchestration'],
    ]);
    expect(drs.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
    expect(drs.CapabilitiesReason).toBe(
      'The following resource(s) require capabilities: [AWS::IAM::Role, AWS::IAM::ManagedPolicy]',
    );
    const small = await world.cfn.send(
      new ValidateTemplateCommand({ TemplateBody: SMALL_TEMPLATE }),
    );
    expect([small.Description, small.Capabilities]).toEqual([
      'A table, a role, an alarm',
      ['CAPABILITY_IAM'],
    ]);
  });

  it.each([
    [
      'a reference to nothing',
      'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !Ref Nowhere',
      'Unresolved resource dependencies [Nowhere] in the Resources block',
    ],
    [
      'an attribute the type lacks',
      'Resources:\n  T:\n    Type: AWS::SNS::Topic\n  U:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: !GetAtt T.Colour',
      'resource T does not support attribute type Colour in Fn::GetAtt',
    ],
    [
      'a cycle',
      'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: B\n  B:\n    Type: AWS::SNS::Topic\n    DependsOn: A',
      'Circular dependency between resources: [A, B]',
    ],
    [
      'no resources',
      'Description: empty',
      'At least one Resources member must be defined.',
    ],
    [
      'a section CloudFormation does not know',
      'Resource:\n  A:\n    Type: AWS::SNS::Topic',
      'Invalid template property or properties [Resource]',
    ],
    [
      'a transform',
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  A:\n    Type: AWS::SNS::Topic',
      'does not run transforms',
    ],
    ['YAML that does not parse', 'Resources: [', 'YAML not well-formed'],
  ])(
    'refuses a template with %s, as CloudFormation words it',
    async (_, body, message) => {
      const error = await rejectionOf(
        world.cfn.send(new ValidateTemplateCommand({ TemplateBody: body })),
      );
      expect([error.name, error.$metadata.httpStatusCode]).toEqual([
        'ValidationError',
        400,
      ]);
      expect(error.message).toContain(message);
    },
  );

  it('creates the DRS stack through a CREATE change set: events in order, outputs, real tables', async () => {
    const { changeSet, stack } = await deployDrsStack(world, 'CREATE');

    expect(changeSet.Changes!.map(c => c.ResourceChange!.Action)).toEqual(
      Array(15).fill('Add'),
    );
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(
      Object.fromEntries(stack.Outputs!.map(o => [o.OutputKey, o.OutputValue])),
    ).toEqual({
      PlansTableName: 'drs-orchestration-prod-plans',
      ExecutionsTableName: 'drs-orchestration-prod-executions',
      BackendRoleArn:
        'arn:aws:iam::111122223333:role/drs-orchestration-prod-backend',
      BackendRoleName: 'drs-orchestration-prod-backend',
      DashboardUrl:
        'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=drs-orchestration-prod',
    });
    const lines = eventLines(await eventsOf(world.cfn, DRS_STACK));
    expect(lines[0]).toBe('drs-orchestration-prod CREATE_IN_PROGRESS');
    expect(lines.at(-1)).toBe('drs-orchestration-prod CREATE_COMPLETE');
    // A resource starts once what it refers to is complete: the policy needs both tables' ARNs.
    const at = (line: string) => lines.indexOf(line);
    expect(at('BackendPolicy CREATE_IN_PROGRESS')).toBeGreaterThan(
      Math.max(
        at('PlansTable CREATE_COMPLETE'),
        at('ExecutionsTable CREATE_COMPLETE'),
        at('BackendRole CREATE_COMPLETE'),
      ),
    );
    expect(at('Dashboard CREATE_IN_PROGRESS')).toBeGreaterThan(
      at('ExecutionsSystemErrorsAlarm CREATE_COMPLETE'),
    );
    expect(lines.filter(line => line.endsWith('CREATE_COMPLETE'))).toHaveLength(
      16,
    );
    expect((await world.dynamo.tables()).sort()).toEqual([
      'drs-orchestration-prod-executions',
      'drs-orchestration-prod-plans',
    ]);
    const { Table } = await world.dynamo.client.send(
      new DescribeTableCommand({
        TableName: 'drs-orchestration-prod-executions',
      }),
    );
    expect(Table!.GlobalSecondaryIndexes!.map(i => i.IndexName)).toEqual([
      'StatusIndex',
      'EntityIndex',
      'AttentionIndex',
    ]);
    expect(world.simulator.state().accounts[0].stacks).toEqual([
      expect.objectContaining({
        stackName: DRS_STACK,
        status: 'CREATE_COMPLETE',
        outputs: expect.objectContaining({
          PlansTableName: 'drs-orchestration-prod-plans',
        }),
      }),
    ]);
  });

  it('answers a change set that changes nothing with FAILED and the reason CloudFormation gives', async () => {
    await deployDrsStack(world, 'CREATE');

    const { changeSet, stack } = await deployDrsStack(world, 'UPDATE');

    expect([
      changeSet.Status,
      changeSet.ExecutionStatus,
      changeSet.StatusReason,
    ]).toEqual([
      'FAILED',
      'UNAVAILABLE',
      "The submitted information didn't contain changes. Submit different information to create a change set.",
    ]);
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
  });

  it('updates in place, adds what a condition now keeps, and ends UPDATE_COMPLETE', async () => {
    await deployDrsStack(world, 'CREATE');

    const { changeSet, stack } = await deployDrsStack(world, 'UPDATE', {
      AlarmEmail: 'sre@example.com',
    });

    const changes = changeSet.Changes!.map(c => c.ResourceChange!);
    expect(
      changes.filter(c => c.Action === 'Add').map(c => c.LogicalResourceId),
    ).toEqual(['AlarmTopic', 'AlarmEmailSubscription']);
    const alarm = changes.find(
      c => c.LogicalResourceId === 'PlansReadThrottleAlarm',
    )!;
    expect(alarm).toMatchObject({
      Action: 'Modify',
      Replacement: 'False',
      PhysicalResourceId: 'drs-orchestration-prod-plans-read-throttle',
      Scope: ['Properties'],
      Details: [
        {
          Target: {
            Attribute: 'Properties',
            Name: 'AlarmActions',
            RequiresRecreation: 'Never',
          },
          Evaluation: 'Static',
          ChangeSource: 'DirectModification',
        },
      ],
    });
    expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
    expect(stack.LastUpdatedTime).toBeInstanceOf(Date);
    const lines = eventLines(await eventsOf(world.cfn, DRS_STACK));
    expect(
      lines.slice(
        lines.lastIndexOf('drs-orchestration-prod UPDATE_IN_PROGRESS'),
      ),
    ).toEqual(
      expect.arrayContaining([
        'AlarmTopic CREATE_COMPLETE',
        'PlansReadThrottleAlarm UPDATE_COMPLETE',
        'drs-orchestration-prod UPDATE_COMPLETE',
      ]),
    );
  });

  it('replaces a renamed table with a new one and keeps the old one, as UpdateReplacePolicy says', async () => {
    await deployDrsStack(world, 'CREATE');

    const { changeSet, stack } = await deployDrsStack(world, 'UPDATE', {
      TablePrefix: 'drs-renamed-',
    });

    const plans = changeSet.Changes!.find(
      c => c.ResourceChange!.LogicalResourceId === 'PlansTable',
    )!.ResourceChange!;
    expect(plans).toMatchObject({
      Action: 'Modify',
      Replacement: 'True',
      Details: [
        expect.objectContaining({
          Target: {
            Attribute: 'Properties',
            Name: 'TableName',
            RequiresRecreation: 'Always',
          },
        }),
      ],
    });
    expect(stack.StackStatus).toBe('UPDATE_COMPLETE');
    expect((await world.dynamo.tables()).sort()).toEqual([
      'drs-orchestration-prod-executions',
      'drs-orchestration-prod-plans',
      'drs-renamed-executions',
      'drs-renamed-plans',
    ]);
    const events = await eventsOf(world.cfn, DRS_STACK);
    expect(
      events
        .filter(e => e.LogicalResourceId === 'PlansTable')
        .slice(-4)
        .map(e => [
          e.ResourceStatus,
          e.PhysicalResourceId,
          e.ResourceStatusReason,
        ]),
    ).toEqual([
      [
        'UPDATE_IN_PROGRESS',
        'drs-orchestration-prod-plans',
        'Requested update requires the creation of a new physical resource; hence creating one.',
      ],
      [
        'UPDATE_IN_PROGRESS',
        'drs-renamed-plans',
        'Resource creation Initiated',
      ],
      ['UPDATE_COMPLETE', 'drs-renamed-plans', undefined],
      ['DELETE_SKIPPED', 'drs-orchestration-prod-plans', undefined],
    ]);
  });

  it('deletes a stack, its retained tables aside; a deleted stack is found by its ID only', async () => {
    const { stack } = await deployDrsStack(world, 'CREATE');

    await world.cfn.send(new DeleteStackCommand({ StackName: DRS_STACK }));
    const deleted = await stackWhenSettled(
      world.cfn,
      world.simulator,
      stack.StackId!,
    );

    expect(deleted.StackStatus).toBe('DELETE_COMPLETE');
    expect(deleted.DeletionTime).toBeInstanceOf(Date);
    const lines = eventLines(await eventsOf(world.cfn, stack.StackId!));
    expect(
      lines.slice(lines.indexOf('drs-orchestration-prod DELETE_IN_PROGRESS')),
    ).toEqual(
      expect.arrayContaining([
        'PlansTable DELETE_SKIPPED',
        'BackendRole DELETE_COMPLETE',
      ]),
    );
    expect(lines.indexOf('BackendRole DELETE_COMPLETE')).toBeGreaterThan(
      lines.indexOf('BackendPolicy DELETE_COMPLETE'),
    );
    expect(await world.dynamo.tables()).toHaveLength(2);
    const gone = await rejectionOf(
      stackWhenSettled(world.cfn, world.simulator, DRS_STACK),
    );
    expect(gone.message).toBe(
      'Stack with id drs-orchestration-prod does not exist',
    );
  });
});
