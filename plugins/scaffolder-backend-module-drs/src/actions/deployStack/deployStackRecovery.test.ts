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
import { jsonCheckpoints } from '../../__testUtils__/checkpoints';
import {
  CHANGE_SET_ID,
  createDeployAction,
  deployContext,
  missingStackError,
  stack,
  STACK_ID,
  stackEvent,
  stackOutputs,
} from '../../__testUtils__/cloudFormation';

const cfn = mockClient(CloudFormationClient);
const action = createDeployAction();

const modifyExecutionsTable = {
  ChangeSetId: CHANGE_SET_ID,
  Status: 'CREATE_COMPLETE' as const,
  Changes: [
    {
      ResourceChange: {
        Action: 'Modify' as const,
        LogicalResourceId: 'ExecutionsTable',
        ResourceType: 'AWS::DynamoDB::Table',
        Replacement: 'False' as const,
      },
    },
  ],
};

beforeEach(() => {
  cfn.reset();
  cfn
    .on(CreateChangeSetCommand)
    .resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
  cfn.on(ExecuteChangeSetCommand).resolves({});
});

describe('drs:stack:deploy when things go wrong', () => {
  it("names the failing resources' reasons and the rolled-back status", async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce({ Stacks: [stack('UPDATE_COMPLETE', stackOutputs)] })
      .resolvesOnce({ Stacks: [stack('UPDATE_IN_PROGRESS')] })
      .resolvesOnce({ Stacks: [stack('UPDATE_ROLLBACK_IN_PROGRESS')] })
      .resolves({ Stacks: [stack('UPDATE_ROLLBACK_COMPLETE', stackOutputs)] });
    cfn.on(DescribeChangeSetCommand).resolves(modifyExecutionsTable);
    const gsiFailure =
      'Cannot update GSI StatusIndex: another index is being created (Service: DynamoDb, Status Code: 400)';
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        stackEvent(
          'drs-orchestration-prod',
          'AWS::CloudFormation::Stack',
          'UPDATE_ROLLBACK_COMPLETE',
        ),
        stackEvent(
          'BackendPolicy',
          'AWS::IAM::ManagedPolicy',
          'UPDATE_FAILED',
          {
            reason: 'Resource update cancelled',
          },
        ),
        stackEvent('ExecutionsTable', 'AWS::DynamoDB::Table', 'UPDATE_FAILED', {
          reason: gsiFailure,
        }),
        stackEvent(
          'ExecutionsTable',
          'AWS::DynamoDB::Table',
          'UPDATE_IN_PROGRESS',
        ),
        // An earlier deployment's failure: not this operation's, so not its reason.
        stackEvent('PlansTable', 'AWS::DynamoDB::Table', 'UPDATE_FAILED', {
          reason: 'failure of last week',
          token: 'backstage-older-task',
          at: '2020-01-01T00:00:00Z',
        }),
      ],
    });
    const { ctx, logged } = deployContext();

    const error: Error = await action.handler(ctx).catch(e => e);

    expect(error.message).toContain('final status UPDATE_ROLLBACK_COMPLETE');
    expect(error.message).toContain('CloudFormation rolled the changes back');
    expect(error.message).toContain(
      `ExecutionsTable (AWS::DynamoDB::Table): ${gsiFailure}`,
    );
    expect(error.message).not.toContain('failure of last week');
    expect(error.message).not.toContain('Resource update cancelled');
    expect(logged()).toContain(
      `ExecutionsTable (AWS::DynamoDB::Table) UPDATE_FAILED: ${gsiFailure}`,
    );
    expect(logged()).not.toContain('failure of last week');
    expect(ctx.output).not.toHaveBeenCalledWith(
      'stackStatus',
      expect.anything(),
    );
  });

  it('resumes a retried task from its checkpoints: no second change set, no second execution', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(missingStackError())
      // The first run loses its connection while waiting and the task fails...
      .rejectsOnce(new Error('socket hang up'))
      // ...the retried run finds the stack the first run started.
      .resolvesOnce({ Stacks: [stack('CREATE_IN_PROGRESS')] })
      .resolves({ Stacks: [stack('CREATE_COMPLETE', stackOutputs)] });
    cfn.on(DescribeChangeSetCommand).resolves(modifyExecutionsTable);
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        stackEvent(
          'ExecutionsTable',
          'AWS::DynamoDB::Table',
          'CREATE_COMPLETE',
        ),
      ],
    });
    const checkpoint = jsonCheckpoints();

    const firstRun = deployContext({}, { checkpoint });
    await expect(action.handler(firstRun.ctx)).rejects.toThrow(
      'socket hang up',
    );
    const secondRun = deployContext({}, { checkpoint });
    await action.handler(secondRun.ctx);

    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1);
    expect(secondRun.ctx.output).toHaveBeenCalledWith(
      'stackStatus',
      'CREATE_COMPLETE',
    );
    expect(secondRun.ctx.output).toHaveBeenCalledWith(
      'plansTableName',
      stackOutputs.PlansTableName,
    );
  });

  it('executes a change set created before a crash, without creating another one', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(missingStackError())
      .resolves({ Stacks: [stack('CREATE_COMPLETE', stackOutputs)] });
    cfn.on(DescribeChangeSetCommand).resolves(modifyExecutionsTable);
    cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });
    cfn
      .on(ExecuteChangeSetCommand)
      .rejectsOnce(new Error('Rate exceeded'))
      .resolves({});
    const checkpoint = jsonCheckpoints();

    await expect(
      action.handler(deployContext({}, { checkpoint }).ctx),
    ).rejects.toThrow('Rate exceeded');
    await action.handler(deployContext({}, { checkpoint }).ctx);

    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(2);
  });

  it('gives up waiting after the timeout and says the stack may still finish', async () => {
    const impatient = createDeployAction({ timeoutMs: 20 });
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(missingStackError())
      .resolves({ Stacks: [stack('CREATE_IN_PROGRESS')] });
    cfn.on(DescribeChangeSetCommand).resolves(modifyExecutionsTable);
    cfn.on(DescribeStackEventsCommand).resolves({ StackEvents: [] });

    await expect(impatient.handler(deployContext().ctx)).rejects.toThrow(
      /Gave up waiting for stack .* it may still finish/,
    );
  });

  it("validates with the configured account's credentials in the requested region", async () => {
    cfn.on(ValidateTemplateCommand).resolves({});
    const { ctx } = deployContext({
      accountId: '210987654321',
      region: 'eu-west-1',
      validateOnly: true,
    });

    await action.handler(ctx);

    const client = cfn.calls()[0].thisValue as CloudFormationClient;
    await expect(client.config.region()).resolves.toBe('eu-west-1');
    await expect(client.config.credentials()).resolves.toMatchObject({
      accessKeyId: 'AKIDOTHER',
    });
  });
});
