import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CHANGE_SET_ID,
  createDeployAction,
  deployContext,
  missingStackError,
  stack,
  STACK_ID,
  stackEvent,
  stackOutputs,
  TASK_TOKEN,
} from '../../__testUtils__/cloudFormation';
import { readStackTemplate } from '../../stack/stackTemplate';

const cfn = mockClient(CloudFormationClient);
const action = createDeployAction();

beforeEach(() => {
  cfn.reset();
  cfn
    .on(CreateChangeSetCommand)
    .resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
  cfn.on(ExecuteChangeSetCommand).resolves({});
});

describe('drs:stack:deploy', () => {
  it('creates a new stack through a CREATE change set, reports progress and returns the outputs', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(missingStackError())
      .resolvesOnce({ Stacks: [stack('CREATE_IN_PROGRESS')] })
      .resolves({ Stacks: [stack('CREATE_COMPLETE', stackOutputs)] });
    cfn
      .on(DescribeChangeSetCommand)
      .resolvesOnce({
        ChangeSetId: CHANGE_SET_ID,
        Status: 'CREATE_IN_PROGRESS',
      })
      .resolves({
        ChangeSetId: CHANGE_SET_ID,
        Status: 'CREATE_COMPLETE',
        Changes: [
          {
            ResourceChange: {
              Action: 'Add',
              LogicalResourceId: 'PlansTable',
              ResourceType: 'AWS::DynamoDB::Table',
            },
          },
          {
            ResourceChange: {
              Action: 'Add',
              LogicalResourceId: 'BackendRole',
              ResourceType: 'AWS::IAM::Role',
            },
          },
        ],
      });
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        stackEvent('PlansTable', 'AWS::DynamoDB::Table', 'CREATE_COMPLETE'),
        stackEvent('PlansTable', 'AWS::DynamoDB::Table', 'CREATE_IN_PROGRESS'),
      ],
    });
    const { ctx, logged } = deployContext();

    await action.handler(ctx);

    const [create] = cfn.commandCalls(CreateChangeSetCommand);
    expect(create.args[0].input).toMatchObject({
      StackName: 'drs-orchestration-prod',
      ChangeSetType: 'CREATE',
      ChangeSetName: TASK_TOKEN,
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      TemplateBody: readStackTemplate(),
    });
    expect(create.args[0].input.Parameters).toEqual([
      { ParameterKey: 'EnvironmentName', ParameterValue: 'prod' },
      {
        ParameterKey: 'TablePrefix',
        ParameterValue: 'drs-orchestration-prod-',
      },
      { ParameterKey: 'AlarmEmail', ParameterValue: 'sre@example.com' },
      {
        ParameterKey: 'BackstagePrincipalArn',
        ParameterValue: 'arn:aws:iam::123456789012:role/backstage-backend',
      },
    ]);
    expect(
      cfn.commandCalls(ExecuteChangeSetCommand).map(c => c.args[0].input),
    ).toEqual([
      { ChangeSetName: CHANGE_SET_ID, ClientRequestToken: TASK_TOKEN },
    ]);
    expect(logged()).toContain('Add PlansTable (AWS::DynamoDB::Table)');
    expect(logged()).toMatch(
      /PlansTable \(AWS::DynamoDB::Table\) CREATE_IN_PROGRESS\nPlansTable \(AWS::DynamoDB::Table\) CREATE_COMPLETE/,
    );
    expect(ctx.output).toHaveBeenCalledWith('stackStatus', 'CREATE_COMPLETE');
    expect(ctx.output).toHaveBeenCalledWith('changed', true);
    expect(ctx.output).toHaveBeenCalledWith(
      'plansTableName',
      stackOutputs.PlansTableName,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'executionsTableName',
      stackOutputs.ExecutionsTableName,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'backendRoleArn',
      stackOutputs.BackendRoleArn,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'dashboardUrl',
      stackOutputs.DashboardUrl,
    );
  });

  it('reports an up-to-date stack and returns its outputs without executing anything', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [stack('UPDATE_COMPLETE', stackOutputs)] });
    cfn.on(DescribeChangeSetCommand).resolves({
      ChangeSetId: CHANGE_SET_ID,
      Status: 'FAILED',
      StatusReason:
        "The submitted information didn't contain changes. Submit different information to create a change set.",
    });
    const { ctx, logged } = deployContext();

    await action.handler(ctx);

    expect(
      cfn.commandCalls(CreateChangeSetCommand)[0].args[0].input.ChangeSetType,
    ).toBe('UPDATE');
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(logged()).toContain('is up to date');
    expect(ctx.output).toHaveBeenCalledWith('changed', false);
    expect(ctx.output).toHaveBeenCalledWith('stackStatus', 'UPDATE_COMPLETE');
    expect(ctx.output).toHaveBeenCalledWith(
      'backendRoleName',
      stackOutputs.BackendRoleName,
    );
  });

  it('fails with the reason CloudFormation gives for a change set it could not create', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [stack('UPDATE_COMPLETE')] });
    cfn.on(DescribeChangeSetCommand).resolves({
      ChangeSetId: CHANGE_SET_ID,
      Status: 'FAILED',
      StatusReason: 'Requires capabilities : [CAPABILITY_AUTO_EXPAND]',
    });
    const { ctx } = deployContext();

    await expect(action.handler(ctx)).rejects.toThrow(
      /could not create change set .*Requires capabilities : \[CAPABILITY_AUTO_EXPAND\]/,
    );
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });

  it('refuses to replace the tables unless allowed, before executing anything', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [stack('UPDATE_COMPLETE')] });
    cfn.on(DescribeChangeSetCommand).resolves({
      ChangeSetId: CHANGE_SET_ID,
      Status: 'CREATE_COMPLETE',
      Changes: [
        {
          ResourceChange: {
            Action: 'Modify',
            LogicalResourceId: 'ExecutionsTable',
            ResourceType: 'AWS::DynamoDB::Table',
            Replacement: 'True',
          },
        },
      ],
    });
    const { ctx, logged } = deployContext({ tablePrefix: 'renamed-' });

    await expect(action.handler(ctx)).rejects.toThrow(
      /would replace ExecutionsTable/,
    );
    expect(logged()).toContain(
      'Modify ExecutionsTable (AWS::DynamoDB::Table) - REPLACES the resource',
    );
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });

  it('refuses a stack stuck in ROLLBACK_COMPLETE with what to do about it', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [stack('ROLLBACK_COMPLETE')] });
    const { ctx } = deployContext();

    await expect(action.handler(ctx)).rejects.toThrow(
      /Stack drs-orchestration-prod is ROLLBACK_COMPLETE: .*Delete the stack/,
    );
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  it.each([
    ['a dry run', { isDryRun: true }, {}],
    ['validateOnly', {}, { validateOnly: true }],
  ])('only validates the template in %s', async (_, overrides, input) => {
    cfn
      .on(ValidateTemplateCommand)
      .resolves({ Capabilities: ['CAPABILITY_NAMED_IAM'] });
    const { ctx, logged } = deployContext(input, overrides);

    await action.handler(ctx);

    expect(cfn.commandCalls(ValidateTemplateCommand)[0].args[0].input).toEqual({
      TemplateBody: readStackTemplate(),
    });
    expect(cfn.calls()).toHaveLength(1);
    expect(logged()).toContain(
      'Template is valid (capabilities needed: CAPABILITY_NAMED_IAM)',
    );
  });

  it('names every bad input in one InputError and calls no AWS API', async () => {
    const { ctx } = deployContext({
      accountId: '12345',
      region: 'us-east',
      environmentName: 'Prod!',
      backstagePrincipalArn: 'backstage',
      alarmEmail: 'not-an-address',
    });

    const error = await action.handler(ctx).catch(e => e);

    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      'accountId "12345" must be a 12-digit AWS account ID',
    );
    expect(error.message).toContain('region "us-east" must be an AWS region');
    expect(error.message).toContain('environmentName "Prod!"');
    expect(error.message).toContain('backstagePrincipalArn "backstage"');
    expect(error.message).toContain('alarmEmail "not-an-address"');
    expect(cfn.calls()).toHaveLength(0);
  });
});
