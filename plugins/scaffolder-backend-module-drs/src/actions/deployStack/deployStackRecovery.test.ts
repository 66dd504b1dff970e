import { jsonCheckpoints } from '../../__testUtils__/checkpoints';
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

afterEach(() =>
  world.aws.simulator.setFaults({
    failStackResources: {},
    internalErrorAfterCommitShare: 0,
  }),
);

describe('drs:stack:deploy when things go wrong, on the CloudFormation stand-in', () => {
  it("names the failing resource's reason when a first deployment rolls back, then says what to do with the stack", async () => {
    world.aws.simulator.setFaults({
      failStackResources: { BackendRole: 'create' },
    });
    const first = standInContext(stackInput('doomed'));

    const error = await failureOf(action().handler(first.ctx));

    expect(error.message).toMatch(
      /^Deploying stack drs-orchestration-doomed failed \(final status ROLLBACK_COMPLETE; CloudFormation rolled the changes back\)\. Failed resources: BackendRole \(AWS::IAM::Role\): .+\. Fix the cause, delete the stack \(the tables are retained\) and run this again\.$/,
    );
    expect(error.message).not.toContain('Resource creation cancelled');
    expect(error.stack).toBe(error.message);
    expect(first.logged()).toMatch(
      /BackendRole \(AWS::IAM::Role\) CREATE_FAILED/,
    );
    expect(first.ctx.output).not.toHaveBeenCalledWith(
      'stackStatus',
      expect.anything(),
    );

    world.aws.simulator.setFaults({ failStackResources: {} });
    const again = await failureOf(
      action().handler(
        standInContext(stackInput('doomed'), { taskId: 'retry' }).ctx,
      ),
    );
    expect(again.message).toBe(
      'Stack drs-orchestration-doomed is ROLLBACK_COMPLETE: its first deployment failed and CloudFormation cannot update it. Delete the stack (the tables are retained) and run this again.',
    );
    expect(again.stack).toBe(again.message);
  });

  it('reports an update that rolled back, and the next run deploys it', async () => {
    await action().handler(standInContext(stackInput('rollback')).ctx);
    world.aws.simulator.setFaults({
      failStackResources: { BackendPolicy: 'update' },
    });
    const withRunbooks = stackInput('rollback', {
      automationDocuments: 'Checkout-*',
    });

    const error = await failureOf(
      action().handler(standInContext(withRunbooks, { taskId: 'u1' }).ctx),
    );

    expect(error.message).toMatch(
      /final status UPDATE_ROLLBACK_COMPLETE; CloudFormation rolled the changes back\)\. Failed resources: BackendPolicy \(AWS::IAM::ManagedPolicy\): .+\. Fix the cause and run this again\.$/,
    );

    world.aws.simulator.setFaults({ failStackResources: {} });
    const retry = standInContext(withRunbooks, { taskId: 'u2' });
    await action().handler(retry.ctx);
    expect(retry.outputs()).toMatchObject({
      changed: true,
      stackStatus: 'UPDATE_COMPLETE',
    });
  });

  it('resumes after a backend restart mid-deployment: no second change set, no second execution', async () => {
    const checkpoint = jsonCheckpoints();
    const restart = new AbortController();
    // The backend stops right after ExecuteChangeSet, while the stack is being created.
    const stopsAfterExecuting: typeof checkpoint = async opts => {
      const value = await checkpoint(opts);
      if (opts.key.startsWith('drs-stack-execute:')) restart.abort();
      return value;
    };
    const [changeSets, executions] = [
      calls('CreateChangeSet'),
      calls('ExecuteChangeSet'),
    ];
    const input = stackInput('restart');

    const interrupted = await failureOf(
      action().handler(
        standInContext(input, {
          checkpoint: stopsAfterExecuting,
          signal: restart.signal,
        }).ctx,
      ),
    );
    expect(interrupted.message).toMatch(
      /Stopped waiting for stack .*: the task was cancelled; CloudFormation carries on with it/,
    );
    // The scaffolder runs the task again after the restart, with the checkpoints it kept.
    const resumed = standInContext(input, { checkpoint });
    await action().handler(resumed.ctx);

    expect(calls('CreateChangeSet')).toBe(changeSets + 1);
    expect(calls('ExecuteChangeSet')).toBe(executions + 1);
    expect(resumed.logged()).toContain(
      'drs-orchestration-restart (AWS::CloudFormation::Stack) CREATE_COMPLETE',
    );
    expect(resumed.outputs()).toMatchObject({
      stackStatus: 'CREATE_COMPLETE',
      plansTableName: 'restart-plans',
    });
    expect(await world.tables()).toContain('restart-executions');
  });

  it('deploys once when CloudFormation applied its calls but answered 500 (a retry finds them by token)', async () => {
    world.aws.simulator.setFaults({ internalErrorAfterCommitShare: 1 });
    const checkpoint = jsonCheckpoints();
    const input = stackInput('ambiguous');

    const error = await failureOf(
      action().handler(standInContext(input, { checkpoint }).ctx),
    );
    expect(error.message).toMatch(/InternalFailure/);

    world.aws.simulator.setFaults({ internalErrorAfterCommitShare: 0 });
    const retried = standInContext(input, { checkpoint });
    await action().handler(retried.ctx);

    expect(retried.outputs()).toMatchObject({ stackStatus: 'CREATE_COMPLETE' });
    expect(
      world.aws.simulator
        .state()
        .accounts.flatMap(account => account.stacks ?? [])
        .filter(stack => stack.stackName === 'drs-orchestration-ambiguous'),
    ).toHaveLength(1);
  });

  it('gives up waiting after the timeout and says the stack may still finish', async () => {
    const impatient = standInDeployAction(world.aws.simulator.endpoint, {
      timeoutMs: 1,
    });

    const error = await failureOf(
      impatient.handler(standInContext(stackInput('slow')).ctx),
    );

    expect(error.message).toMatch(
      /^Gave up waiting for stack .*drs-orchestration-slow.* after 0 s; it may still finish, check it in the CloudFormation console$/,
    );
  });
});
