import {
  DescribeJobLogItemsCommand,
  DescribeJobsCommand,
  DescribeRecoveryInstancesCommand,
  DescribeRecoverySnapshotsCommand,
  DescribeSourceServersCommand,
  DrsClient,
  paginateDescribeJobLogItems,
  paginateDescribeJobs,
  paginateDescribeRecoveryInstances,
  StartRecoveryCommand,
  TerminateRecoveryInstancesCommand,
} from '@aws-sdk/client-drs';
import { JOB_PHASE_BASE_SECONDS, SimulatorHandle } from './index';
import {
  describeJob,
  pollUntilCompleted,
  startTestSimulator,
} from './__testUtils__/harness';

const WEB_1 = 's-1111111111111111a';

describe('launch and terminate jobs through the SDK', () => {
  let simulator: SimulatorHandle;
  let drs: DrsClient;
  let appIds: string[];

  beforeAll(async () => {
    ({ simulator, drs } = await startTestSimulator());
  });
  beforeEach(async () => {
    simulator.reset();
    const { items } = await drs.send(new DescribeSourceServersCommand({}));
    appIds = items!
      .filter(s => s.tags?.Application === 'app')
      .map(s => s.sourceServerID!);
  });
  afterAll(() => simulator.close());

  async function startDrill(ids: string[], tags?: Record<string, string>) {
    const { job } = await drs.send(
      new StartRecoveryCommand({
        sourceServers: ids.map(sourceServerID => ({ sourceServerID })),
        isDrill: true,
        tags,
      }),
    );
    return job!;
  }

  it('runs a drill PENDING → STARTED → COMPLETED with servers PENDING → IN_PROGRESS → LAUNCHED', async () => {
    const job = await startDrill([WEB_1, appIds[0]], { Drill: 'q2' });
    expect(job).toMatchObject({
      jobID: expect.stringMatching(/^drsjob-[0-9a-f]{17}$/),
      arn: `arn:aws:drs:us-east-1:111122223333:job/${job.jobID}`,
      type: 'LAUNCH',
      initiatedBy: 'START_DRILL',
      status: 'PENDING',
      tags: { Drill: 'q2' },
      participatingServers: [
        { sourceServerID: WEB_1, launchStatus: 'PENDING' },
        { sourceServerID: appIds[0], launchStatus: 'PENDING' },
      ],
    });
    expect(job.endDateTime).toBeUndefined();

    simulator.advance(JOB_PHASE_BASE_SECONDS.pending);
    const started = await describeJob(drs, job.jobID!);
    expect(started.status).toBe('STARTED');
    expect(started.participatingServers!.map(p => p.launchStatus)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
    ]);

    const done = await pollUntilCompleted(simulator, drs, job.jobID!);
    expect(done.endDateTime! > done.creationDateTime!).toBe(true);
    for (const participant of done.participatingServers!) {
      expect(participant.launchStatus).toBe('LAUNCHED');
      expect(participant.recoveryInstanceID).toMatch(/^i-[0-9a-f]{17}$/);
    }

    const { items: logs } = await drs.send(
      new DescribeJobLogItemsCommand({ jobID: job.jobID }),
    );
    const forWeb = logs!
      .filter(l => l.eventData?.sourceServerID === WEB_1)
      .map(l => l.event);
    expect(forWeb).toEqual([
      'SNAPSHOT_START',
      'SNAPSHOT_END',
      'CONVERSION_START',
      'CONVERSION_END',
      'LAUNCH_START',
    ]);
    const jobLevel = logs!.filter(l => !l.eventData).map(l => l.event);
    expect(jobLevel).toEqual([
      'JOB_START',
      'CLEANUP_START',
      'CLEANUP_END',
      'JOB_END',
    ]);
    const times = logs!.map(l => l.logDateTime!);
    expect([...times].sort()).toEqual(times);
  });

  it('creates a recovery instance per launched server, its EC2 state PENDING then RUNNING', async () => {
    const job = await startDrill([WEB_1]);
    let launched = await describeJob(drs, job.jobID!);
    while (launched.participatingServers![0].launchStatus !== 'LAUNCHED') {
      expect(launched.status).not.toBe('COMPLETED');
      simulator.advance(5);
      launched = await describeJob(drs, job.jobID!);
    }
    const instanceId = launched.participatingServers![0].recoveryInstanceID!;
    const readInstances = async () =>
      (
        await drs.send(
          new DescribeRecoveryInstancesCommand({
            filters: { sourceServerIDs: [WEB_1] },
          }),
        )
      ).items!;

    const [justLaunched] = await readInstances();
    expect(justLaunched).toMatchObject({
      recoveryInstanceID: instanceId,
      ec2InstanceID: instanceId,
      ec2InstanceState: 'PENDING',
      sourceServerID: WEB_1,
      jobID: job.jobID,
      isDrill: true,
    });
    simulator.advance(JOB_PHASE_BASE_SECONDS.boot);
    const [booted] = await readInstances();
    expect(booted.ec2InstanceState).toBe('RUNNING');
  });

  it('records the launch on the source server (lifeCycle.lastLaunch, lastLaunchResult, recoveryInstanceId)', async () => {
    const job = await startDrill([WEB_1]);
    const read = async () =>
      (
        await drs.send(
          new DescribeSourceServersCommand({
            filters: { sourceServerIDs: [WEB_1] },
          }),
        )
      ).items![0];

    const pending = await read();
    expect(pending.lastLaunchResult).toBe('PENDING');
    expect(pending.lifeCycle!.lastLaunch).toEqual({
      initiated: {
        apiCallDateTime: job.creationDateTime,
        jobID: job.jobID,
        type: 'DRILL',
      },
      status: 'PENDING',
    });
    expect(pending.recoveryInstanceId).toBeUndefined();

    const done = await pollUntilCompleted(simulator, drs, job.jobID!);
    const after = await read();
    expect(after.lastLaunchResult).toBe('SUCCEEDED');
    expect(after.lifeCycle!.lastLaunch!.status).toBe('LAUNCHED');
    expect(after.recoveryInstanceId).toBe(
      done.participatingServers![0].recoveryInstanceID,
    );
  });

  it('marks a recovery (not a drill) as START_RECOVERY / RECOVERY', async () => {
    const { job } = await drs.send(
      new StartRecoveryCommand({ sourceServers: [{ sourceServerID: WEB_1 }] }),
    );
    expect(job!.initiatedBy).toBe('START_RECOVERY');
    const done = await pollUntilCompleted(simulator, drs, job!.jobID!);
    const { items } = await drs.send(
      new DescribeRecoveryInstancesCommand({
        filters: { sourceServerIDs: [WEB_1] },
      }),
    );
    expect(items![0].isDrill).toBe(false);
    expect(done.status).toBe('COMPLETED');
  });

  it('uses a chosen recovery snapshot instead of taking a new one', async () => {
    simulator.advance(3600);
    const { items: snapshots } = await drs.send(
      new DescribeRecoverySnapshotsCommand({
        sourceServerID: WEB_1,
        order: 'DESC',
      }),
    );
    const chosen = snapshots!.find(s => s.timestamp)!;
    const { job } = await drs.send(
      new StartRecoveryCommand({
        sourceServers: [
          { sourceServerID: WEB_1, recoverySnapshotID: chosen.snapshotID },
        ],
        isDrill: true,
      }),
    );
    await pollUntilCompleted(simulator, drs, job!.jobID!);
    const { items: logs } = await drs.send(
      new DescribeJobLogItemsCommand({ jobID: job!.jobID }),
    );
    const events = logs!.map(l => l.event);
    expect(events).toContain('USING_PREVIOUS_SNAPSHOT');
    expect(events).not.toContain('SNAPSHOT_START');
    const { items } = await drs.send(
      new DescribeRecoveryInstancesCommand({
        filters: { sourceServerIDs: [WEB_1] },
      }),
    );
    expect(items![0].pointInTimeSnapshotDateTime).toBe(chosen.timestamp);
  });

  it('a new launch replaces the server’s previous recovery instance', async () => {
    const first = await startDrill([WEB_1]);
    const firstDone = await pollUntilCompleted(simulator, drs, first.jobID!);
    const second = await startDrill([WEB_1]);
    const secondDone = await pollUntilCompleted(simulator, drs, second.jobID!);
    const { items } = await drs.send(
      new DescribeRecoveryInstancesCommand({
        filters: { sourceServerIDs: [WEB_1] },
      }),
    );
    expect(items!.map(i => i.recoveryInstanceID)).toEqual([
      secondDone.participatingServers![0].recoveryInstanceID,
    ]);
    expect(firstDone.participatingServers![0].recoveryInstanceID).not.toBe(
      secondDone.participatingServers![0].recoveryInstanceID,
    );
  });

  it('DescribeJobs: newest first, filters by jobIDs and dates, pages with paginateDescribeJobs', async () => {
    const jobIds: string[] = [];
    const created: string[] = [];
    for (const id of [WEB_1, ...appIds]) {
      const job = await startDrill([id]);
      jobIds.push(job.jobID!);
      created.push(job.creationDateTime!);
      simulator.advance(60);
    }
    const { items: all } = await drs.send(new DescribeJobsCommand({}));
    expect(all!.map(j => j.jobID)).toEqual([...jobIds].reverse());

    const pages: string[][] = [];
    for await (const page of paginateDescribeJobs(
      { client: drs, pageSize: 4 },
      { filters: { jobIDs: jobIds } },
    )) {
      pages.push(page.items!.map(j => j.jobID!));
    }
    expect(pages.map(p => p.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual([...jobIds].reverse());

    const { items: someIds } = await drs.send(
      new DescribeJobsCommand({
        filters: { jobIDs: [jobIds[0], jobIds[2], 'drsjob-00000000000000000'] },
      }),
    );
    expect(someIds!.map(j => j.jobID)).toEqual([jobIds[2], jobIds[0]]);

    const { items: dated } = await drs.send(
      new DescribeJobsCommand({
        filters: { fromDate: created[1], toDate: created[3] },
      }),
    );
    expect(dated!.map(j => j.jobID)).toEqual([jobIds[3], jobIds[2], jobIds[1]]);
  });

  it('DescribeJobLogItems pages with paginateDescribeJobLogItems', async () => {
    const job = await startDrill(appIds.slice(0, 3));
    await pollUntilCompleted(simulator, drs, job.jobID!);
    const { items: all } = await drs.send(
      new DescribeJobLogItemsCommand({ jobID: job.jobID }),
    );
    // JOB_START, 5 per server, CLEANUP_START/END, JOB_END
    expect(all).toHaveLength(1 + 3 * 5 + 3);
    const paged = [];
    let pages = 0;
    for await (const page of paginateDescribeJobLogItems(
      { client: drs, pageSize: 5 },
      { jobID: job.jobID },
    )) {
      pages++;
      paged.push(...page.items!);
    }
    expect(pages).toBe(4);
    expect(paged).toEqual(all);
  });

  it('DescribeRecoveryInstances filters by IDs and source servers and pages', async () => {
    const job = await startDrill(appIds);
    const done = await pollUntilCompleted(simulator, drs, job.jobID!);
    const instanceIds = done.participatingServers!.map(
      p => p.recoveryInstanceID!,
    );

    const all = [];
    for await (const page of paginateDescribeRecoveryInstances(
      { client: drs, pageSize: 2 },
      {},
    )) {
      all.push(...page.items!);
    }
    expect(all.map(i => i.recoveryInstanceID).sort()).toEqual(
      [...instanceIds].sort(),
    );

    const { items: byId } = await drs.send(
      new DescribeRecoveryInstancesCommand({
        filters: { recoveryInstanceIDs: [instanceIds[1]] },
      }),
    );
    expect(byId!.map(i => i.sourceServerID)).toEqual([appIds[1]]);
    const { items: both } = await drs.send(
      new DescribeRecoveryInstancesCommand({
        filters: {
          recoveryInstanceIDs: [instanceIds[1]],
          sourceServerIDs: [appIds[2]],
        },
      }),
    );
    expect(both).toEqual([]);
  });

  it('TerminateRecoveryInstances creates a TERMINATE job that is polled to completion', async () => {
    const launch = await startDrill(appIds.slice(0, 2));
    const launched = await pollUntilCompleted(simulator, drs, launch.jobID!);
    const instanceIds = launched.participatingServers!.map(
      p => p.recoveryInstanceID!,
    );

    const { job } = await drs.send(
      new TerminateRecoveryInstancesCommand({
        recoveryInstanceIDs: instanceIds,
      }),
    );
    expect(job).toMatchObject({
      type: 'TERMINATE',
      initiatedBy: 'TERMINATE_RECOVERY_INSTANCES',
      status: 'PENDING',
      participatingServers: [
        {
          sourceServerID: appIds[0],
          recoveryInstanceID: instanceIds[0],
          launchStatus: 'PENDING',
        },
        {
          sourceServerID: appIds[1],
          recoveryInstanceID: instanceIds[1],
          launchStatus: 'PENDING',
        },
      ],
    });

    simulator.advance(JOB_PHASE_BASE_SECONDS.pending);
    const { items: shuttingDown } = await drs.send(
      new DescribeRecoveryInstancesCommand({
        filters: { recoveryInstanceIDs: instanceIds },
      }),
    );
    expect(shuttingDown!.map(i => i.ec2InstanceState)).toEqual([
      'SHUTTING-DOWN',
      'SHUTTING-DOWN',
    ]);

    const done = await pollUntilCompleted(simulator, drs, job!.jobID!, 10);
    expect(done.participatingServers!.map(p => p.launchStatus)).toEqual([
      'TERMINATED',
      'TERMINATED',
    ]);
    const { items: left } = await drs.send(
      new DescribeRecoveryInstancesCommand({
        filters: { recoveryInstanceIDs: instanceIds },
      }),
    );
    expect(left).toEqual([]);
    const { items: sources } = await drs.send(
      new DescribeSourceServersCommand({
        filters: { sourceServerIDs: appIds.slice(0, 2) },
      }),
    );
    expect(sources!.map(s => s.recoveryInstanceId)).toEqual([
      undefined,
      undefined,
    ]);
  });
});
