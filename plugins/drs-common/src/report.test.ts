import { at, makeExecution, T0 } from './engine/__testUtils__/fixtures';
import { executionReport } from './report';
import { executionReportMarkdown } from './reportMarkdown';
import { Execution } from './executionTypes';
import { PlanStep } from './stepTypes';

/** A wave's status and times, `from` and `to` seconds after T0. */
function ended(status: string, from: number, to: number) {
  return {
    status,
    startedAt: at(from).toISOString(),
    endedAt: at(to).toISOString(),
  };
}

/** A server DRS launched at `launched` from the point in time `pointInTime` (seconds after T0). */
function launchedFrom(pointInTime: number, launched: number) {
  return {
    status: 'LAUNCHED',
    launchStatus: 'LAUNCHED',
    pointInTimeAt: at(pointInTime).toISOString(),
    launchedAt: at(launched).toISOString(),
    dataLossSeconds: launched - pointInTime,
  };
}

/** A recovery from a cut-off, ended: db launched from chosen snapshots, app-2 failed. */
function endedRecovery(): Execution {
  const execution = makeExecution(
    [
      { name: 'db', servers: ['s-db1', 's-db2'] },
      { name: 'app', servers: ['s-app1', 's-app2'] },
    ],
    {
      mode: 'RECOVERY',
      status: 'FAILED',
      statusReason: 'Wave "app" failed: 1 of 2 servers did not launch',
      startedAt: at(0).toISOString(),
      endedAt: at(900).toISOString(),
      pointInTime: { type: 'before', at: at(-3600).toISOString() },
      acceptedDataLossSeconds: 4500,
    },
  );
  const [db, app] = execution.waves;
  Object.assign(db, ended('COMPLETED', 0, 420), {
    jobId: 'job-db',
    recoveredAt: at(400).toISOString(),
  });
  Object.assign(app, ended('FAILED', 420, 900), {
    failureReason: '1 of 2 servers did not launch',
  });
  const [db1, db2] = db.servers;
  Object.assign(db1, launchedFrom(-3600, 400), {
    status: 'HEALTHY',
    ec2InstanceId: 'i-db1',
    recoverySnapshotId: 'pit-db1',
    healthyAt: at(410).toISOString(),
    statusChecks: {
      instance: 'ok',
      system: 'ok',
      seenAt: at(410).toISOString(),
    },
  });
  Object.assign(db2, launchedFrom(-3000, 410), {
    ec2InstanceId: 'i-db2',
    recoverySnapshotId: 'pit-db2',
  });
  Object.assign(app.servers[0], launchedFrom(500, 800));
  Object.assign(app.servers[1], {
    status: 'FAILED',
    launchStatus: 'FAILED',
    recoverySnapshotId: 'pit-app2',
    pointInTimeAt: at(-3500).toISOString(),
    failureReason: 'LAUNCH_FAILED: subnet | quota',
  });
  return execution;
}

describe('executionReport', () => {
  it('reports the measured recovery time, the outcome and the recovery point of every server', () => {
    const report = executionReport(endedRecovery());
    expect(report).toMatchObject({
      executionId: 'exec-1',
      mode: 'RECOVERY',
      status: 'FAILED',
      totalSeconds: 900,
      pointInTime: { type: 'before', at: at(-3600).toISOString() },
      acceptedDataLossSeconds: 4500,
      worstDataLossSeconds: 4000,
      serversLaunched: 3,
      serversFailed: 1,
    });
    // The recovery time of a wave ends when it recovered; of one that never did, at its end.
    expect(report.waves.map(w => [w.name, w.status, w.seconds])).toEqual([
      ['db', 'COMPLETED', 400],
      ['app', 'FAILED', 480],
    ]);
    expect(report.waves[0].servers[0]).toEqual({
      sourceServerId: 's-db1',
      hostname: 's-db1.example',
      status: 'HEALTHY',
      launchStatus: 'LAUNCHED',
      ec2InstanceId: 'i-db1',
      failureReason: undefined,
      recoverySnapshotId: 'pit-db1',
      pointInTimeAt: at(-3600).toISOString(),
      dataLossSeconds: 4000,
      healthyAt: at(410).toISOString(),
      statusChecks: {
        instance: 'ok',
        system: 'ok',
        seenAt: at(410).toISOString(),
      },
    });
    // Left to DRS's latest, it has no snapshot of its own, but a measured point in time.
    expect(report.waves[1].servers[0]).toMatchObject({
      recoverySnapshotId: undefined,
      pointInTimeAt: at(500).toISOString(),
      dataLossSeconds: 300,
    });
    // A failed server shows the snapshot it was to use, and no achieved loss.
    expect(report.waves[1].servers[1]).toMatchObject({
      status: 'FAILED',
      recoverySnapshotId: 'pit-app2',
      dataLossSeconds: undefined,
    });
  });

  it('measures nothing of a drill that has not run: no times, no data loss', () => {
    const report = executionReport(
      makeExecution([{ name: 'all', servers: ['s-1'] }]),
    );
    expect(report).toMatchObject({
      mode: 'DRILL',
      status: 'PENDING',
      totalSeconds: undefined,
      pointInTime: undefined,
      acceptedDataLossSeconds: undefined,
      worstDataLossSeconds: undefined,
      serversLaunched: 0,
      serversFailed: 0,
    });
    expect(report.waves[0].seconds).toBeUndefined();
  });

  it('measures no negative or unreadable duration', () => {
    const report = executionReport(
      makeExecution([{ name: 'all', servers: ['s-1'] }], {
        startedAt: at(60).toISOString(),
        endedAt: at(0).toISOString(),
        waves: [
          {
            ...makeExecution([{ name: 'all', servers: ['s-1'] }]).waves[0],
            startedAt: 'not a time',
            endedAt: at(0).toISOString(),
          },
        ],
      }),
    );
    expect(report.totalSeconds).toBeUndefined();
    expect(report.waves[0].seconds).toBeUndefined();
  });

  it('keeps a drill started with degraded replication on record', () => {
    const report = executionReport(
      makeExecution([{ name: 'all', servers: ['s-1'] }], {
        allowDegradedReplication: true,
      }),
    );
    expect(report.allowDegradedReplication).toBe(true);
    expect(executionReportMarkdown(report)).toContain(
      '- Started with degraded replication',
    );
  });
});

describe('executionReportMarkdown', () => {
  it('writes the summary, the waves and a row per server with its point in time and data loss', () => {
    const markdown = executionReportMarkdown(executionReport(endedRecovery()));
    const time = (seconds: number) => at(seconds).toISOString();
    expect(markdown).toBe(
      [
        '# Recovery report: Checkout',
        '',
        '- Entity: component:default/checkout',
        '- Execution: exec-1',
        '- Status: **FAILED** (Wave "app" failed: 1 of 2 servers did not launch)',
        '- Initiated by: user:default/ana',
        `- Started: ${time(0)}; ended: ${time(900)}`,
        '- Measured recovery time: 900 s',
        `- Point in time: latest at or before ${time(-3600)}`,
        '- Accepted data loss: 4500 s',
        '- Worst data loss (achieved recovery point): 4000 s',
        '- Servers launched: 3; failed: 1',
        '',
        '## Waves',
        '',
        '| Wave | Status | Started | Ended | Seconds |',
        '| --- | --- | --- | --- | --- |',
        `| db | COMPLETED | ${time(0)} | ${time(420)} | 400 |`,
        `| app | FAILED | ${time(420)} | ${time(900)} | 480 |`,
        '',
        '## Servers',
        '',
        '| Wave | Hostname | Source server | Status | DRS launch status | EC2 instance | Status checks | Healthy at | Snapshot | Point in time | Data loss (s) | Failure |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| db | s-db1.example | s-db1 | HEALTHY | LAUNCHED | i-db1 | instance ok, system ok | ${time(
          410,
        )} | pit-db1 | ${time(-3600)} | 4000 | — |`,
        `| db | s-db2.example | s-db2 | LAUNCHED | LAUNCHED | i-db2 | — | — | pit-db2 | ${time(
          -3000,
        )} | 3410 | — |`,
        `| app | s-app1.example | s-app1 | LAUNCHED | LAUNCHED | — | — | — | — | ${time(
          500,
        )} | 300 | — |`,
        `| app | s-app2.example | s-app2 | FAILED | FAILED | — | — | — | pit-app2 | ${time(
          -3500,
        )} | — | LAUNCH_FAILED: subnet \\| quota |`,
        '',
      ].join('\n'),
    );
  });

  it("names DRS's latest point in time, and leaves out what a drill did not accept", () => {
    const markdown = executionReportMarkdown(
      executionReport(makeExecution([{ name: 'all', servers: ['s-1'] }])),
    );
    expect(markdown).toContain('# DR drill report: Checkout');
    expect(markdown).toContain("- Point in time: DRS's latest");
    expect(markdown).not.toContain('Accepted data loss');
    expect(markdown).not.toContain('degraded');
    expect(markdown).toContain(
      '- Worst data loss (achieved recovery point): — s',
    );
    expect(markdown).toContain('- Started: —; ended: —');
  });

  it('names a choice of one snapshot per server', () => {
    const markdown = executionReportMarkdown(
      executionReport(
        makeExecution([{ name: 'all', servers: ['s-1'] }], {
          mode: 'RECOVERY',
          pointInTime: { type: 'snapshots', snapshotIds: { 's-1': 'pit-1' } },
          acceptedDataLossSeconds: 0,
          createdAt: T0.toISOString(),
        }),
      ),
    );
    expect(markdown).toContain('- Point in time: a chosen snapshot per server');
    expect(markdown).toContain('- Accepted data loss: 0 s');
  });
});

describe('steps, health and cleanup in the report', () => {
  /** A drill whose wave "db" ran a runbook, waited for approval, and whose smoke test failed. */
  const freezeStep: PlanStep = {
    type: 'automation',
    name: 'freeze',
    documentName: 'Checkout-Freeze',
  };
  function drillWithSteps(): Execution {
    const before: PlanStep[] = [freezeStep, { type: 'approval', name: 'go' }];
    const after: PlanStep[] = [{ type: 'wait', name: 'settle', seconds: 30 }];
    const execution = makeExecution(
      [{ name: 'db', servers: ['s-db1'], before, after }],
      {
        status: 'CANCELLED',
        drillCleanup: {
          keepAliveSeconds: 3600,
          status: 'SCHEDULED',
          dueAt: at(4200).toISOString(),
        },
        requests: {
          terminate: {
            by: 'plugin:drs/engine',
            at: at(4200).toISOString(),
            status: 'FAILED',
            failureReason: 'DRS refused',
          },
        },
      },
    );
    const [freeze, go, settle] = execution.waves[0].steps!;
    Object.assign(freeze, ended('SUCCEEDED', 0, 100), {
      automationExecutionId: 'auto-1',
      automationStatus: 'Success',
      outputs: { Frozen: ['orders', 'users'], Lag: ['0'] },
    });
    Object.assign(go, ended('SUCCEEDED', 100, 160), {
      approvedBy: 'user:default/ana',
      approvedAt: at(160).toISOString(),
    });
    Object.assign(settle, {
      status: 'CANCELLED',
      failureReason: 'Cancelled by user:default/bo',
    });
    return execution;
  }

  it('reports each step with its times, automation, outputs, approval or failure', () => {
    const [freeze, go, settle] = executionReport(drillWithSteps()).waves[0]
      .steps;
    expect(freeze).toEqual({
      name: 'freeze',
      phase: 'before',
      type: 'automation',
      status: 'SUCCEEDED',
      startedAt: at(0).toISOString(),
      endedAt: at(100).toISOString(),
      seconds: 100,
      documentName: 'Checkout-Freeze',
      automationExecutionId: 'auto-1',
      automationStatus: 'Success',
      outputs: { Frozen: ['orders', 'users'], Lag: ['0'] },
      failureReason: undefined,
    });
    expect(go).toMatchObject({
      type: 'approval',
      approvedBy: 'user:default/ana',
      seconds: 60,
    });
    expect(settle).toMatchObject({
      phase: 'after',
      status: 'CANCELLED',
      seconds: undefined,
      failureReason: 'Cancelled by user:default/bo',
    });
  });

  it('writes a row per step and the cleanup in Markdown', () => {
    const time = (seconds: number) => at(seconds).toISOString();
    const lines = (markdown: string) => markdown.split('\n');
    const report = executionReport(drillWithSteps());
    expect(lines(executionReportMarkdown(report))).toEqual(
      expect.arrayContaining([
        '## Steps',
        '',
        '| Wave | Phase | Step | Type | Status | Started | Ended | Seconds | SSM automation | Outcome |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| db | before | freeze | automation | SUCCEEDED | ${time(0)} | ${time(
          100,
        )} | 100 | auto-1 | Frozen=orders,users; Lag=0 |`,
        `| db | before | go | approval | SUCCEEDED | ${time(100)} | ${time(
          160,
        )} | 60 | — | approved by user:default/ana at ${time(160)} |`,
        '| db | after | settle | wait | CANCELLED | — | — | — | — | Cancelled by user:default/bo |',
        `- Drill cleanup: terminates the instances at ${time(4200)}`,
        `- Terminate instances: FAILED, asked by plugin:drs/engine at ${time(
          4200,
        )} (DRS refused)`,
      ]),
    );
  });

  it.each([
    [
      { keepAliveSeconds: 60, status: 'WAITING' },
      'keeps the instances 60 s after the drill',
    ],
    [
      {
        keepAliveSeconds: 0,
        status: 'REQUESTED',
        requestedAt: at(5).toISOString(),
      },
      `asked to terminate the instances at ${at(5).toISOString()}`,
    ],
    [
      {
        keepAliveSeconds: 0,
        status: 'NOT_NEEDED',
        reason: 'The drill launched no server',
      },
      'not needed (The drill launched no server)',
    ],
  ] as const)('describes a cleanup %j', (drillCleanup, text) => {
    const markdown = executionReportMarkdown(
      executionReport(
        makeExecution([{ name: 'db', servers: ['s-db1'] }], { drillCleanup }),
      ),
    );
    expect(markdown).toContain(`- Drill cleanup: ${text}`);
    expect(markdown).not.toContain('## Steps');
    expect(markdown).not.toContain('Terminate instances');
  });
});
