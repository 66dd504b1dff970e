import {
  CloudFormationClient,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { TEST_CREDENTIALS, TEST_REGION } from '@drs-orchestration/drs-testkit';
import {
  failureOf,
  stackInput,
  standInContext,
  standInDeployAction,
  useCloudFormationStandIn,
} from '../../__testUtils__/cloudFormationStandIn';

const world = useCloudFormationStandIn();
const action = () => standInDeployAction(world.aws.simulator.endpoint);
const calls = (operation: string) =>
  world.aws.simulator.calls().byOperation[operation] ?? 0;

/** The stack's parameters as CloudFormation reports them, by key. */
async function stackParameters(stackName: string) {
  const client = new CloudFormationClient({
    region: TEST_REGION,
    endpoint: world.aws.simulator.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  const { Stacks } = await client.send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  return Object.fromEntries(
    (Stacks?.[0]?.Parameters ?? []).map(p => [
      p.ParameterKey,
      p.ParameterValue,
    ]),
  );
}

describe('drs:stack:deploy on the CloudFormation stand-in', () => {
  it('creates the stack through a CREATE change set, streams its events and returns the outputs', async () => {
    const { ctx, logged, outputs } = standInContext(stackInput('create'));

    await action().handler(ctx);

    expect(logged()).toContain(
      'Change set (CREATE) of stack drs-orchestration-create:',
    );
    expect(logged()).toContain('Add PlansTable (AWS::DynamoDB::Table)');
    expect(logged()).toMatch(
      /PlansTable \(AWS::DynamoDB::Table\) CREATE_IN_PROGRESS\n(.*\n)*PlansTable \(AWS::DynamoDB::Table\) CREATE_COMPLETE/,
    );
    expect(logged()).toMatch(
      /drs-orchestration-create \(AWS::CloudFormation::Stack\) CREATE_COMPLETE\nStack drs-orchestration-create is CREATE_COMPLETE/,
    );
    expect(outputs()).toMatchObject({
      stackName: 'drs-orchestration-create',
      stackId: expect.stringMatching(
        /^arn:aws:cloudformation:us-east-1:111122223333:stack\/drs-orchestration-create\//,
      ),
      stackStatus: 'CREATE_COMPLETE',
      changed: true,
      plansTableName: 'create-plans',
      executionsTableName: 'create-executions',
      backendRoleArn: expect.stringMatching(
        /^arn:aws:iam::111122223333:role\//,
      ),
      backendRoleName: expect.any(String),
      dashboardUrl: expect.stringContaining('dashboards:name='),
    });
    expect(logged()).toContain('Outputs of stack drs-orchestration-create: ');
    expect(await world.tables()).toEqual(
      expect.arrayContaining(['create-plans', 'create-executions']),
    );
  });

  it('reports an unchanged stack as up to date, executing nothing', async () => {
    await action().handler(standInContext(stackInput('same')).ctx);
    const executed = calls('ExecuteChangeSet');
    const { ctx, logged, outputs } = standInContext(stackInput('same'), {
      taskId: 'second-task',
    });

    await action().handler(ctx);

    expect(logged()).toContain(
      'Stack drs-orchestration-same is up to date: the change set has no changes.',
    );
    expect(calls('ExecuteChangeSet')).toBe(executed);
    expect(outputs()).toMatchObject({
      changed: false,
      stackStatus: 'CREATE_COMPLETE',
      plansTableName: 'same-plans',
      executionsTableName: 'same-executions',
    });
  });

  it('updates the stack through an UPDATE change set: runbooks the backend role may start', async () => {
    await action().handler(standInContext(stackInput('update')).ctx);
    const { ctx, logged, outputs } = standInContext(
      stackInput('update', {
        automationDocuments: ['Checkout-*', 'AWS-RestartEC2Instance'],
        automationAssumeRoleArn: 'arn:aws:iam::111122223333:role/drs-runbooks',
      }),
      { taskId: 'update-task' },
    );

    await action().handler(ctx);

    expect(logged()).toContain(
      'Change set (UPDATE) of stack drs-orchestration-update:\nModify BackendPolicy (AWS::IAM::ManagedPolicy)',
    );
    expect(logged()).toContain(
      'BackendPolicy (AWS::IAM::ManagedPolicy) UPDATE_COMPLETE',
    );
    expect(outputs()).toMatchObject({
      changed: true,
      stackStatus: 'UPDATE_COMPLETE',
      plansTableName: 'update-plans',
    });
  });

  it("puts the engine's metrics in the namespace given: the alarms and the role's condition follow, and leaving it out goes back to the default", async () => {
    await action().handler(standInContext(stackInput('metrics')).ctx);
    expect(await stackParameters('drs-orchestration-metrics')).toMatchObject({
      MetricsNamespace: 'DRSOrchestration',
    });
    const { ctx, logged, outputs } = standInContext(
      stackInput('metrics', { metricsNamespace: 'DRSOrchestration/staging' }),
      { taskId: 'metrics-task' },
    );

    await action().handler(ctx);

    expect(await stackParameters('drs-orchestration-metrics')).toMatchObject({
      MetricsNamespace: 'DRSOrchestration/staging',
    });
    // the role may now put metrics in the new namespace only, and the alarms read it
    expect(logged()).toContain(
      'Modify BackendPolicy (AWS::IAM::ManagedPolicy)',
    );
    expect(logged()).toMatch(/Modify \w+Alarm \(AWS::CloudWatch::Alarm\)/);
    expect(outputs()).toMatchObject({
      changed: true,
      stackStatus: 'UPDATE_COMPLETE',
    });

    await action().handler(
      standInContext(stackInput('metrics'), { taskId: 'metrics-reset' }).ctx,
    );
    expect(await stackParameters('drs-orchestration-metrics')).toMatchObject({
      MetricsNamespace: 'DRSOrchestration',
    });
  });

  it('refuses a change that replaces the tables, before executing anything', async () => {
    await action().handler(standInContext(stackInput('keep')).ctx);
    const executed = calls('ExecuteChangeSet');
    const { ctx, logged } = standInContext(
      stackInput('keep', { tablePrefix: 'renamed-' }),
      { taskId: 'rename-task' },
    );

    const error = await failureOf(action().handler(ctx));

    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(
      /would replace PlansTable, ExecutionsTable .*Set allowTableReplacement: true if that is intended; nothing was changed/,
    );
    expect(error.stack).toBe(error.message);
    expect(logged()).toContain(
      'Modify PlansTable (AWS::DynamoDB::Table) - REPLACES the resource',
    );
    expect(calls('ExecuteChangeSet')).toBe(executed);
    expect(await world.tables()).not.toContain('renamed-plans');
  });

  it.each([
    ['a dry run', { isDryRun: true }, {}, ' in a dry run'],
    ['validateOnly', {}, { validateOnly: true }, ''],
  ])('only validates the template in %s', async (_, overrides, input, note) => {
    const changeSets = calls('CreateChangeSet');
    const { ctx, logged } = standInContext(
      stackInput('validated', input),
      overrides,
    );

    await action().handler(ctx);

    expect(logged()).toContain(
      `Template is valid (capabilities needed: CAPABILITY_NAMED_IAM); nothing deployed${note}.`,
    );
    expect(calls('CreateChangeSet')).toBe(changeSets);
    expect(await world.tables()).not.toContain('validated-plans');
  });

  it('names every bad input in one InputError and calls no AWS API', async () => {
    const before = world.aws.simulator.calls().total;
    const { ctx } = standInContext(
      stackInput('Prod!', {
        accountId: '12345',
        region: 'us-east',
        backstagePrincipalArn: 'backstage',
        alarmEmail: 'not-an-address',
        automationDocuments: 'Checkout DrainTraffic',
        automationAssumeRoleArn: 'arn:aws:iam::123:user/someone',
        metricsNamespace: 'AWS/DRS',
      }),
    );

    const error = await failureOf(action().handler(ctx));

    expect(error.name).toBe('InputError');
    expect(error.message).toContain(
      'accountId "12345" must be a 12-digit AWS account ID',
    );
    expect(error.message).toContain('region "us-east" must be an AWS region');
    expect(error.message).toContain('environmentName "Prod!"');
    expect(error.message).toContain('backstagePrincipalArn "backstage"');
    expect(error.message).toContain('alarmEmail "not-an-address"');
    expect(error.message).toContain(
      'automationDocuments "Checkout DrainTraffic"',
    );
    expect(error.message).toContain(
      'automationAssumeRoleArn "arn:aws:iam::123:user/someone" must be an IAM role ARN',
    );
    expect(error.message).toContain(
      'metricsNamespace "AWS/DRS" must be 1-255 letters, digits or . _ / # : -, not starting with a colon or AWS/',
    );
    expect(error.stack).toBe(error.message);
    expect(world.aws.simulator.calls().total).toBe(before);
  });
});
