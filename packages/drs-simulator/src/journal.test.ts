import {
  DescribeJobsCommand,
  DescribeSourceServersCommand,
  StartRecoveryCommand,
  TerminateRecoveryInstancesCommand,
} from '@aws-sdk/client-drs';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  GetAutomationExecutionCommand,
  StartAutomationExecutionCommand,
  StartAutomationExecutionCommandInput,
  StopAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import {
  CreateChangeSetCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { SimulatorState } from './index';
import { ssmClient, startTestSimulator } from './__testUtils__/harness';
import {
  changeSetWhenReady,
  cloudFormationClient,
  describeStack,
  DRS_STACK_PARAMETERS,
  DRS_STACK_TEMPLATE,
  eventLines,
  eventsOf,
  LocalDynamo,
  parameters,
  stackWhenSettled,
  startLocalDynamo,
} from './__testUtils__/stacks';

const TOKEN = '0d7c9a4e-52f1-4b8e-9c3a-6e2f1b0a9d84';

describe('a journal keeps the simulated world across restarts', () => {
  let dir: string;
  let journal: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'drs-journal-'));
    journal = join(dir, 'sim', 'journal.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Drills two servers, lets the jobs finish, terminates one drill's instances, stops a server. */
  async function busyWorld(options: { journal?: string } = { journal }) {
    const { simulator, drs } = await startTestSimulator(options);
    const { items } = await drs.send(
      new DescribeSourceServersCommand({ filters: {} }),
    );
    const ids = items!
      .filter(s => s.tags?.Application === 'app')
      .map(s => s.sourceServerID!);
    const first = await drs.send(
      new StartRecoveryCommand({
        sourceServers: ids
          .slice(0, 2)
          .map(sourceServerID => ({ sourceServerID })),
        isDrill: true,
        tags: { wave: 'db' },
      }),
    );
    simulator.setFaults({ hangJobShare: 0 });
    simulator.advance(600);
    const launched = await drs.send(
      new DescribeJobsCommand({ filters: { jobIDs: [first.job!.jobID!] } }),
    );
    await drs.send(
      new TerminateRecoveryInstancesCommand({
        recoveryInstanceIDs: launched.items![0].participatingServers!.map(
          p => p.recoveryInstanceID!,
        ),
      }),
    );
    await drs.send(
      new StartRecoveryCommand({
        sourceServers: ids
          .slice(2, 4)
          .map(sourceServerID => ({ sourceServerID })),
        isDrill: true,
      }),
    );
    simulator.setReplication({
      sourceServer: 'app-5',
      replicationState: 'STALLED',
    });
    simulator.advance(45); // the second drill and the terminate are under way
    return simulator;
  }

  /** A simulator started on the journal, checked to have replayed `replayed` changes into `world`. */
  async function reopened(world: SimulatorState, replayed: number) {
    const { simulator } = await startTestSimulator({ journal });
    expect(simulator.resumption).toEqual({ replayed });
    expect(simulator.state()).toEqual(world);
    return simulator;
  }

  it('comes back with the same jobs, instances, faults and clock, and runs on from there', async () => {
    const before = await busyWorld();
    const world = before.state();
    await before.close();
    // the same world in a simulator that never stopped
    const unstopped = await busyWorld({});
    unstopped.advance(900);
    const later = unstopped.state();
    await unstopped.close();

    const after = await reopened(world, 7);
    expect(world.accounts[0].jobs.map(j => j.status)).toContain('STARTED');
    // what was under way carries on as it would have without the restart
    after.advance(900);
    expect(after.state()).toEqual(later);
    await after.close();
  });

  it('replays a change of the replication of servers selected by tags', async () => {
    const { simulator: before } = await startTestSimulator({ journal });
    before.advance(3600);
    before.setServersReplication({
      tags: { Application: 'app' },
      replicationState: 'STALLED',
    });
    before.advance(600);
    const world = before.state();
    await before.close();

    const after = await reopened(world, 3);
    expect(
      world.accounts[0].sourceServers
        .filter(s => s.hostname.startsWith('app-'))
        .map(s => [s.replicationState, s.latestPointInTime]),
    ).toEqual(Array(5).fill(['STALLED', '2024-05-01T12:51:00.000Z']));
    await after.close();
  });

  it('replays automations started, stopped and still running, and the documents defined', async () => {
    const { simulator: before } = await startTestSimulator({ journal });
    const ssm = ssmClient(before);
    const start = async (input: StartAutomationExecutionCommandInput) =>
      (await ssm.send(new StartAutomationExecutionCommand(input)))
        .AutomationExecutionId!;
    before.defineAutomationDocuments([
      { name: 'Checkout-Warmup', durationSeconds: 600 },
    ]);
    before.setFaults({ automationFaults: { 'Checkout-SmokeTest': 'hang' } });
    const retried = {
      DocumentName: 'Checkout-DrainTraffic',
      Parameters: { TargetGroup: ['tg-web'] },
      ClientToken: TOKEN,
    };
    const drain = await start(retried);
    expect(await start(retried)).toBe(drain);
    const hung = await start({ DocumentName: 'Checkout-SmokeTest' });
    const warmup = await start({ DocumentName: 'Checkout-Warmup' });
    before.advance(30);
    await ssm.send(
      new StopAutomationExecutionCommand({ AutomationExecutionId: hung }),
    );
    before.advance(100); // the drain has succeeded, the warm-up runs on
    const world = before.state();
    await before.close();

    const after = await reopened(world, 9);
    expect(
      world.accounts[0].automations.map(a => [a.documentName, a.status]),
    ).toEqual([
      ['Checkout-DrainTraffic', 'Success'],
      ['Checkout-SmokeTest', 'Cancelled'],
      ['Checkout-Warmup', 'InProgress'],
    ]);
    // The token still names its run: a retry after the restart starts nothing.
    const resumed = ssmClient(after);
    expect(
      (await resumed.send(new StartAutomationExecutionCommand(retried)))
        .AutomationExecutionId,
    ).toBe(drain);
    after.advance(600);
    const { AutomationExecution } = await resumed.send(
      new GetAutomationExecutionCommand({ AutomationExecutionId: warmup }),
    );
    expect(AutomationExecution!.AutomationExecutionStatus).toBe('Success');
    expect(after.calls().automationsByClientToken).toEqual({ [TOKEN]: 1 });
    await after.close();
  });

  /** Starts creating the DRS stack and lets `seconds` pass, making its tables in `dynamo`. */
  async function stackUnderWay(dynamo: LocalDynamo, seconds: number) {
    const { simulator } = await startTestSimulator({
      journal,
      dynamodbEndpoint: dynamo.endpoint,
    });
    const cfn = cloudFormationClient(simulator);
    const { Id } = await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'drs-orchestration-prod',
        ChangeSetName: 'deploy',
        ChangeSetType: 'CREATE',
        TemplateBody: DRS_STACK_TEMPLATE,
        Parameters: parameters(DRS_STACK_PARAMETERS),
        Capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    );
    await changeSetWhenReady(cfn, simulator, Id!);
    await cfn.send(
      new ExecuteChangeSetCommand({
        ChangeSetName: Id,
        ClientRequestToken: 'run',
      }),
    );
    simulator.advance(seconds);
    await describeStack(cfn, 'drs-orchestration-prod');
    return { simulator, cfn };
  }

  it('carries a stack deployment under way on after a restart, making its tables then', async () => {
    const dynamo = await startLocalDynamo();
    // 15 s in, the role is made and the tables are not yet.
    const { simulator: before } = await stackUnderWay(dynamo, 15);
    const world = before.state();
    await before.close();
    expect(world.accounts[0].stacks[0].status).toBe('CREATE_IN_PROGRESS');
    expect(await dynamo.tables()).toEqual([]);

    const { simulator: after } = await startTestSimulator({
      journal,
      dynamodbEndpoint: dynamo.endpoint,
    });
    expect(after.state()).toEqual(world);
    const cfn = cloudFormationClient(after);
    const stack = await stackWhenSettled(cfn, after, 'drs-orchestration-prod');
    const completions = eventLines(
      await eventsOf(cfn, 'drs-orchestration-prod'),
    ).filter(line => line.endsWith(' CREATE_COMPLETE'));
    await after.close();
    const tables = await dynamo.tables();
    await dynamo.stop();

    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(tables.sort()).toEqual([
      'drs-orchestration-prod-executions',
      'drs-orchestration-prod-plans',
    ]);
    // Each resource was made once, before or after the restart.
    expect(completions).toEqual([...new Set(completions)]);
    expect(completions).toContain('BackendRole CREATE_COMPLETE');
  });

  it('replays how DynamoDB answered a stack from the journal, without asking it again', async () => {
    const dynamo = await startLocalDynamo();
    const { simulator: before, cfn } = await stackUnderWay(dynamo, 60);
    const events = await eventsOf(cfn, 'drs-orchestration-prod');
    const world = before.state();
    await before.close();
    await dynamo.stop();
    expect(world.accounts[0].stacks[0].status).toBe('CREATE_COMPLETE');

    const { simulator: after } = await startTestSimulator({
      journal,
      dynamodbEndpoint: dynamo.endpoint,
    });
    expect(after.state()).toEqual(world);
    expect(
      await eventsOf(cloudFormationClient(after), 'drs-orchestration-prod'),
    ).toEqual(events);
    await after.close();
  });

  it('starts afresh after a reset', async () => {
    const before = await busyWorld();
    before.reset();
    await before.close();
    const { simulator: after } = await startTestSimulator({ journal });
    expect(after.resumption).toEqual({ replayed: 0 });
    expect(after.state().accounts[0].jobs).toEqual([]);
    await after.close();
  });

  it('sets aside a journal written for other settings and starts afresh', async () => {
    await (await busyWorld()).close();
    const { simulator: after } = await startTestSimulator({
      journal,
      seed: 7,
    });
    expect(after.resumption?.discarded).toMatch(
      /another inventory or other settings; moved to .*\.discarded$/,
    );
    expect(after.state().accounts[0].jobs).toEqual([]);
    expect(readdirSync(join(dir, 'sim'))).toHaveLength(2);
    expect(existsSync(journal)).toBe(true);
    await after.close();
  });
});
