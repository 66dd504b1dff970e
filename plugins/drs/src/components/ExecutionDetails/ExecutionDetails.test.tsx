import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { DrillCleanup, Execution } from '@drs-orchestration/plugin-drs-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DrsApi } from '../../api';
import { executionFixture, server, wave } from '../../__testUtils__/fixtures';
import {
  drsEntity,
  fakeSignals,
  permissionsAnswered,
  permissionsDenying,
  renderEntityView,
} from '../../__testUtils__/render';
import { viewTimesIn } from '../../__testUtils__/timeZone';
import { DrsExecutionsContent } from '../DrsExecutionsContent/DrsExecutionsContent';

const executionId = executionFixture().executionId;

async function renderDetails(
  api: Partial<DrsApi>,
  options: {
    signals?: ReturnType<typeof fakeSignals>;
    permissions?: ReturnType<typeof permissionsDenying>;
    entity?: Entity;
  } = {},
) {
  return renderEntityView(<DrsExecutionsContent />, {
    api,
    entity: options.entity,
    signals: options.signals?.api,
    permissions: options.permissions,
    mountPath: '/dr-executions/*',
    route: `/dr-executions/${executionId}`,
  });
}

/** Paused after wave db, before wave app, which waits for someone to approve it. */
function pausedBeforeApp(overrides: Partial<Execution> = {}): Execution {
  const base = executionFixture();
  return executionFixture({
    status: 'PAUSED',
    waves: [
      base.waves[0],
      wave('app', {
        pauseBefore: true,
        servers: [server('s-0000000000000000b')],
      }),
    ],
    ...overrides,
  });
}

/** A finished drill: db 12:00–12:10, app 12:10–12:40. */
function finishedDrill(): Execution {
  const base = executionFixture();
  return {
    ...base,
    status: 'COMPLETED',
    endedAt: '2026-11-25T12:40:00.000Z',
    waves: [
      base.waves[0],
      {
        ...base.waves[1],
        status: 'COMPLETED',
        endedAt: '2026-11-25T12:40:00.000Z',
        servers: [
          server('s-0000000000000000b', {
            hostname: 'checkout-app-1',
            status: 'HEALTHY',
            launchedAt: '2026-11-25T12:20:00.000Z',
            healthyAt: '2026-11-25T12:30:00.000Z',
          }),
        ],
      },
    ],
  };
}

/**
 * A drill that failed in wave app: db was approved, recovered at 12:08 and passed its smoke
 * test; app recovered at 12:30, then its cache warm-up timed out and its settle wait never ran.
 */
function drillWithSteps(): Execution {
  const drill = finishedDrill();
  const [db, app] = drill.waves;
  return {
    ...drill,
    status: 'FAILED',
    waves: [
      {
        ...db,
        recoveredAt: '2026-11-25T12:08:00.000Z',
        steps: [
          {
            type: 'approval',
            name: 'go ahead',
            phase: 'before',
            status: 'SUCCEEDED',
            timeoutSeconds: 86400,
            onFailure: 'fail',
            startedAt: '2026-11-25T12:00:00.000Z',
            endedAt: '2026-11-25T12:00:30.000Z',
            approvedBy: 'user:default/alice',
            approvedAt: '2026-11-25T12:00:30.000Z',
          },
          {
            type: 'automation',
            name: 'smoke test',
            phase: 'after',
            status: 'SUCCEEDED',
            timeoutSeconds: 3600,
            onFailure: 'fail',
            documentName: 'Checkout-SmokeTest',
            parameters: {},
            startedAt: '2026-11-25T12:08:00.000Z',
            endedAt: '2026-11-25T12:10:00.000Z',
            automationExecutionId: 'a1b2c3d4-0000-4000-8000-000000000001',
            automationStatus: 'Success',
            outputs: { Status: ['200 OK'] },
            outputsTruncated: true,
          },
        ],
      },
      {
        ...app,
        status: 'FAILED',
        recoveredAt: '2026-11-25T12:30:00.000Z',
        failureReason: 'Step warm caches timed out',
        steps: [
          {
            type: 'automation',
            name: 'warm caches',
            phase: 'after',
            status: 'TIMED_OUT',
            timeoutSeconds: 600,
            onFailure: 'fail',
            documentName: 'Checkout-WarmCaches',
            documentVersion: '3',
            parameters: {},
            startedAt: '2026-11-25T12:30:00.000Z',
            endedAt: '2026-11-25T12:40:00.000Z',
            failureReason: 'The runbook ran past its 10m timeout',
          },
          {
            type: 'wait',
            name: 'settle',
            phase: 'after',
            status: 'SKIPPED',
            timeoutSeconds: 300,
            onFailure: 'fail',
            seconds: 300,
            failureReason: 'Its wave failed first',
          },
        ],
      },
    ],
  };
}

/** Wave app running: its DNS wait runs, one server waits for its status checks, one passed them. */
function waitingForHealth(): Execution {
  const base = executionFixture();
  return executionFixture({
    waves: [
      base.waves[0],
      wave('app', {
        status: 'STARTED',
        waitFor: 'HEALTHY',
        healthTimeoutSeconds: 2400,
        startedAt: '2026-11-25T12:10:00.000Z',
        steps: [
          {
            type: 'wait',
            name: 'settle DNS',
            phase: 'before',
            status: 'RUNNING',
            timeoutSeconds: 300,
            onFailure: 'fail',
            seconds: 300,
            startedAt: '2026-11-25T12:10:00.000Z',
            deadlineAt: '2026-11-25T12:15:00.000Z',
            waitUntil: '2026-11-25T12:15:00.000Z',
          },
        ],
        servers: [
          server('s-0000000000000000b', {
            hostname: 'checkout-app-1',
            status: 'LAUNCHED',
            launchedAt: '2026-11-25T12:12:00.000Z',
            statusChecks: {
              instance: 'ok',
              system: 'initializing',
              seenAt: '2026-11-25T12:14:00.000Z',
            },
            healthDeadlineAt: '2026-11-25T12:52:00.000Z',
          }),
          server('s-0000000000000000c', {
            hostname: 'checkout-app-2',
            status: 'HEALTHY',
            launchedAt: '2026-11-25T12:12:00.000Z',
            healthyAt: '2026-11-25T12:14:00.000Z',
            statusChecks: {
              instance: 'ok',
              system: 'ok',
              seenAt: '2026-11-25T12:14:00.000Z',
            },
            healthDeadlineAt: '2026-11-25T12:52:00.000Z',
          }),
        ],
      }),
    ],
  });
}

/** The row of the table naming this text. */
const rowOf = (text: string) => screen.getByText(text).closest('tr')!;
/** A wave's header: a button named by its content, "Wave <name>" then status and progress. */
const waveName = (name: string) => new RegExp(`^Wave ${name} `);
const waveHeader = (name: string) =>
  screen.getByRole('button', { name: waveName(name) });

describe('ExecutionDetails', () => {
  viewTimesIn('Asia/Tokyo');

  it('shows the polling metadata, per-wave progress and the servers of the running wave', async () => {
    await renderDetails({ getExecution: async () => executionFixture() });
    expect(await screen.findByText('Timeline')).toBeInTheDocument();

    // last poll relative to now, the exact time on hover; the next one (long past) is due
    expect(screen.getByTitle(/21:14:30/)).toHaveTextContent(/ ago$/);
    expect(screen.getByText('29')).toBeInTheDocument();
    expect(screen.getByText('due now')).toBeInTheDocument();
    expect(
      screen.getByText(/ThrottlingException: Rate exceeded \(.*21:13:00\)/),
    ).toBeInTheDocument();

    const db = waveHeader('db');
    expect(within(db).getByText('1 of 1 launched')).toBeInTheDocument();
    expect(within(db).getByText('10m')).toBeInTheDocument();
    const app = waveHeader('app');
    expect(
      within(app).getByText('0 of 2 launched, 0 healthy, 1 failed'),
    ).toBeInTheDocument();

    // the running wave is open: its servers with our status and DRS's
    expect(screen.getByText('checkout-app-1')).toBeInTheDocument();
    expect(screen.getByText('IN_PROGRESS')).toBeInTheDocument();
    expect(
      screen.getByText('Subnet has no free IP addresses'),
    ).toBeInTheDocument();
    // the finished wave is closed until asked for
    expect(screen.queryByText('i-0abc00000000000a')).toBeNull();
    fireEvent.click(db);
    // a long ID stays on one line, whole on hover
    const ec2 = await screen.findByText('i-0abc00000000000a');
    expect(ec2).toHaveAttribute('title', 'i-0abc00000000000a');
    expect(ec2.closest('td')).toHaveTextContent('i-0abc00000000000a (running)');
    expect(screen.getByText('i-recovery0000000a')).toBeInTheDocument();
    expect(screen.getByText('LAUNCH_END')).toBeInTheDocument();
  });

  it('draws where the time went, waves and then servers, on one time axis', async () => {
    await renderDetails({ getExecution: async () => finishedDrill() });
    const db = await screen.findByLabelText('db: 10m');
    expect(db).toHaveStyle({ left: '0%', width: '25%' });
    expect(screen.getByLabelText('app: 30m')).toHaveStyle({
      left: '25%',
      width: '75%',
    });
    fireEvent.click(screen.getByText('▸ app'));
    expect(screen.getByLabelText('checkout-app-1 launched in 10m')).toHaveStyle(
      { left: '25%', width: '25%' },
    );
    expect(
      screen.getByLabelText('checkout-app-1 healthy 10m after launch'),
    ).toHaveStyle({ left: '50%', width: '25%' });
  });

  it("updates when a signal says one of its entity's executions changed", async () => {
    const signals = fakeSignals();
    const getExecution = jest
      .fn()
      .mockResolvedValueOnce(executionFixture())
      .mockResolvedValueOnce(finishedDrill());
    const entity = drsEntity();
    await renderDetails({ getExecution }, { signals, entity });
    expect(
      await screen.findByText('0 of 2 launched, 0 healthy, 1 failed'),
    ).toBeInTheDocument();
    // another entity's change is not this page's
    signals.send('drs:entity:component:default/elsewhere', {
      executionId: 'another',
    });
    expect(getExecution).toHaveBeenCalledTimes(1);
    signals.send(`drs:entity:${stringifyEntityRef(entity)}`, {
      executionId,
      status: 'COMPLETED',
      version: 40,
    });
    // refetching keeps the page as it was: no spinner, no blank
    expect(screen.queryByTestId('progress')).toBeNull();
    expect(
      screen.getByText('0 of 2 launched, 0 healthy, 1 failed'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('1 of 1 launched, 1 healthy'),
    ).toBeInTheDocument();
    expect(getExecution).toHaveBeenCalledTimes(2);
  });

  it('cancels, after confirmation, and shows the result', async () => {
    const cancelExecution = jest.fn(async () => executionFixture());
    const getExecution = jest
      .fn()
      .mockResolvedValueOnce(executionFixture())
      .mockResolvedValue(
        executionFixture({
          status: 'CANCELLING',
          requests: {
            cancel: { by: 'user:default/alice', at: '2026-11-25T12:15:00Z' },
          },
        }),
      );
    await renderDetails({ getExecution, cancelExecution });
    fireEvent.click(await screen.findByText('Cancel execution'));
    fireEvent.click(
      within(screen.getByRole('dialog')).getByText('Cancel execution'),
    );
    expect(await screen.findByText('CANCELLING')).toBeInTheDocument();
    expect(cancelExecution).toHaveBeenCalledWith(executionId);
    // cancelling already: no second cancel
    expect(screen.queryByText('Cancel execution')).toBeNull();
  });

  it('shows on the wave since when it waits for DRS capacity', async () => {
    const base = executionFixture();
    const waiting = executionFixture({
      waves: [
        base.waves[0],
        wave('app', {
          status: 'STARTED',
          launchIntentAt: '2026-11-25T12:10:00Z',
          awaitingCapacitySince: '2026-11-25T12:10:00Z',
          servers: [server('s-0000000000000000b')],
        }),
      ],
    });
    await renderDetails({ getExecution: async () => waiting });
    const app = await screen.findByRole('button', { name: waveName('app') });
    expect(
      within(app).getByText(/^Waiting for DRS capacity since \S/),
    ).toBeInTheDocument();
    expect(within(waveHeader('db')).queryByText(/DRS capacity/)).toBeNull();
  });

  it('approves the wave a paused execution waits for', async () => {
    const paused = pausedBeforeApp();
    const resumeExecution = jest.fn(async () => paused);
    await renderDetails({ getExecution: async () => paused, resumeExecution });
    expect(await screen.findByText('Awaiting approval')).toBeInTheDocument();
    fireEvent.click(screen.getByText('Approve wave app'));
    fireEvent.click(
      within(screen.getByRole('dialog')).getByText('Start wave app'),
    );
    await waitFor(() =>
      expect(resumeExecution).toHaveBeenCalledWith(executionId, 'app'),
    );
  });

  it("terminates a drill's instances and downloads the report", async () => {
    const terminateDrillInstances = jest.fn(async () => finishedDrill());
    const downloadExecutionReport = jest.fn(async () => ({
      filename: 'dr-report-x.md',
      content: new Blob(['# report']),
    }));
    URL.createObjectURL = jest.fn(() => 'blob:report');
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function checkDownload(this: HTMLAnchorElement) {
        expect(this.download).toBe('dr-report-x.md');
        expect(this.href).toBe('blob:report');
      });
    await renderDetails({
      getExecution: async () => finishedDrill(),
      terminateDrillInstances,
      downloadExecutionReport,
    });
    fireEvent.click(await screen.findByText('Terminate drill instances'));
    fireEvent.click(
      within(screen.getByRole('dialog')).getByText('Terminate instances'),
    );
    await waitFor(() =>
      expect(terminateDrillInstances).toHaveBeenCalledWith(executionId),
    );
    fireEvent.click(screen.getByText('Download report'));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(downloadExecutionReport).toHaveBeenCalledWith(executionId);
    click.mockRestore();
  });

  it('offers no control to someone without the permission', async () => {
    const permissions = permissionsDenying('drs.execution.control');
    // its own entity: permission answers are cached per entity
    const entity = drsEntity();
    await renderDetails(
      {
        getExecution: async () =>
          executionFixture({ entityRef: stringifyEntityRef(entity) }),
      },
      { permissions, entity },
    );
    expect(await screen.findByText('Download report')).toBeInTheDocument();
    await permissionsAnswered(permissions, 4);
    expect(screen.queryByText('Cancel execution')).toBeNull();
    expect(screen.queryByText('Terminate drill instances')).toBeNull();
  });

  it('offers no control of a recovery to someone who may control drills but not start a recovery', async () => {
    const permissions = permissionsDenying('drs.recovery.start');
    const entity = drsEntity();
    const pausedRecovery = pausedBeforeApp({
      entityRef: stringifyEntityRef(entity),
      mode: 'RECOVERY',
    });
    await renderDetails(
      { getExecution: async () => pausedRecovery },
      { permissions, entity },
    );
    expect(await screen.findByText('Awaiting approval')).toBeInTheDocument();
    await permissionsAnswered(permissions, 4);
    expect(screen.queryByText('Approve wave app')).toBeNull();
    expect(screen.queryByText('Cancel execution')).toBeNull();
  });

  it('stays light with 20 waves of 100 servers: servers render only for an opened wave, a page at a time', async () => {
    const large = executionFixture({
      status: 'COMPLETED',
      endedAt: '2026-11-25T14:00:00.000Z',
      waves: Array.from({ length: 20 }, (_, w) =>
        wave(`wave-${w + 1}`, {
          status: 'COMPLETED',
          startedAt: '2026-11-25T12:00:00.000Z',
          endedAt: '2026-11-25T14:00:00.000Z',
          servers: Array.from({ length: 100 }, (__, i) =>
            server(`s-${String(w * 100 + i).padStart(17, '0')}`, {
              hostname: `w${w + 1}-host-${i}`,
              status: 'LAUNCHED',
              launchedAt: '2026-11-25T12:30:00.000Z',
            }),
          ),
        }),
      ),
    });
    await renderDetails({ getExecution: async () => large });
    expect(await screen.findByText('Timeline')).toBeInTheDocument();
    expect(screen.queryAllByText(/-host-/)).toHaveLength(0);
    fireEvent.click(waveHeader('wave-7'));
    expect(await screen.findByText('w7-host-0')).toBeInTheDocument();
    expect(screen.queryAllByText(/-host-/)).toHaveLength(20);
  });

  it('shows the point in time each server launched from and the data it lost, beside the recovery time', async () => {
    const recovery = finishedDrill();
    const [db, app] = recovery.waves;
    await renderDetails({
      getExecution: async () => ({
        ...recovery,
        mode: 'RECOVERY',
        pointInTime: { type: 'before', at: '2026-11-25T11:30:00.000Z' },
        acceptedDataLossSeconds: 3000,
        waves: [
          {
            ...db,
            servers: [
              {
                ...db.servers[0],
                recoverySnapshotId: 'pit-00a',
                pointInTimeAt: '2026-11-25T11:18:00.000Z',
                dataLossSeconds: 3000,
              },
            ],
          },
          {
            ...app,
            servers: [
              {
                ...app.servers[0],
                recoverySnapshotId: 'pit-00b',
                pointInTimeAt: '2026-11-25T11:29:30.000Z',
                dataLossSeconds: 3030,
              },
            ],
          },
        ],
      }),
    });
    // the facts table names each fact in a cell, its value in the next
    const fact = async (label: RegExp) =>
      (await screen.findByRole('cell', { name: label })).closest('tr')!
        .textContent;
    expect(await fact(/^duration$/i)).toContain('40m');
    expect(await fact(/^worst data loss$/i)).toContain('50m 30s');
    expect(await fact(/^accepted data loss$/i)).toContain('50m');
    // 11:30 UTC in Tokyo
    expect(await fact(/^point in time$/i)).toMatch(
      /latest at or before .*20:30:00/,
    );

    fireEvent.click(waveHeader('db'));
    const row = (await screen.findByText('pit-00a')).closest('tr')!;
    expect(within(row).getByText('checkout-db-1')).toBeInTheDocument();
    expect(within(row).getByText(/20:18:00/)).toBeInTheDocument();
    expect(within(row).getByText('50m')).toBeInTheDocument();
  });

  it('shows each step with its status, times and what it did, and when each wave recovered', async () => {
    await renderDetails({ getExecution: async () => drillWithSteps() });
    fireEvent.click(
      await screen.findByRole('button', { name: waveName('db') }),
    );
    const goAhead = await waitFor(() => rowOf('go ahead'));
    expect(within(goAhead).getByText('SUCCEEDED')).toBeInTheDocument();
    expect(goAhead.textContent).toMatch(/approved by alice at .*21:00:30/);
    expect(within(goAhead).getByText('alice').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    const smoke = rowOf('smoke test');
    expect(within(smoke).getByText(/21:08:00/)).toBeInTheDocument();
    expect(
      within(smoke).getByText(
        'automation a1b2c3d4-0000-4000-8000-000000000001 (Success)',
      ),
    ).toBeInTheDocument();
    expect(within(smoke).getByText('Status: 200 OK')).toBeInTheDocument();
    expect(
      within(smoke).getByText('some outputs were left out or cut short'),
    ).toBeInTheDocument();

    // the failed wave is open: its timed-out step, and the one that never ran
    const warm = rowOf('warm caches');
    expect(within(warm).getByText('TIMED_OUT')).toBeInTheDocument();
    expect(
      within(warm).getByText('Checkout-WarmCaches version 3'),
    ).toBeInTheDocument();
    expect(
      within(warm).getByText('The runbook ran past its 10m timeout'),
    ).toBeInTheDocument();
    const settle = rowOf('settle');
    expect(within(settle).getByText('SKIPPED')).toBeInTheDocument();
    expect(
      within(settle).getByText('Its wave failed first'),
    ).toBeInTheDocument();

    const recovered = screen
      .getAllByText('Recovered')
      .map(label => label.nextSibling!.textContent);
    expect(recovered).toEqual([
      expect.stringMatching(/21:08:00/),
      expect.stringMatching(/21:30:00/),
    ]);
    // the timeline measures the recovery apart from the steps after it
    expect(screen.getByLabelText('app: 30m, recovered in 20m')).toBeVisible();
  });

  it("shows a running step's deadline, and each server's status checks until it is healthy", async () => {
    await renderDetails({ getExecution: async () => waitingForHealth() });
    const settle = await waitFor(() => rowOf('settle DNS'));
    expect(within(settle).getByText('RUNNING')).toBeInTheDocument();
    expect(
      within(settle).getByText(/^waits until .*21:15:00/),
    ).toBeInTheDocument();

    const waiting = rowOf('checkout-app-1');
    expect(within(waiting).getByText('instance ok')).toBeInTheDocument();
    expect(
      within(waiting).getByText('system initializing'),
    ).toBeInTheDocument();
    expect(
      within(waiting).getByText(/^healthy by .*21:52:00/),
    ).toBeInTheDocument();
    const healthy = rowOf('checkout-app-2');
    expect(within(healthy).getByText('system ok')).toBeInTheDocument();
    expect(within(healthy).queryByText(/healthy by/)).toBeNull();
    expect(screen.getByText('40m')).toBeInTheDocument();

    fireEvent.click(screen.getByText('▸ app'));
    expect(
      screen.getByLabelText(/^step settle DNS running: /),
    ).toBeInTheDocument();
  });

  it('approves the approval step a paused execution waits on, naming the step', async () => {
    const paused = executionFixture({
      status: 'PAUSED',
      waves: [
        executionFixture().waves[0],
        wave('app', {
          status: 'STARTED',
          startedAt: '2026-11-25T12:10:00.000Z',
          servers: [server('s-0000000000000000b', { status: 'LAUNCHED' })],
          steps: [
            {
              type: 'approval',
              name: 'sign-off',
              phase: 'after',
              status: 'RUNNING',
              timeoutSeconds: 86400,
              onFailure: 'fail',
              startedAt: '2026-11-25T12:20:00.000Z',
              deadlineAt: '2026-11-26T12:20:00.000Z',
            },
          ],
        }),
      ],
    });
    const resumeExecution = jest.fn(async () => paused);
    await renderDetails({ getExecution: async () => paused, resumeExecution });
    expect(
      await screen.findByText('Awaiting approval of step sign-off'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Approve wave app')).toBeNull();
    fireEvent.click(screen.getByText('Approve step sign-off'));
    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByText('Approve step sign-off of wave app?'),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByText('Approve step sign-off'));
    await waitFor(() =>
      expect(resumeExecution).toHaveBeenCalledWith(executionId, 'app'),
    );
  });

  it.each([
    [
      { keepAliveSeconds: 7200, status: 'WAITING' },
      'instances will be terminated 2h after the drill ends',
    ],
    [
      {
        keepAliveSeconds: 7200,
        status: 'SCHEDULED',
        dueAt: '2026-11-25T14:40:00.000Z',
      },
      /^instances will be terminated at .*23:40:00/,
    ],
    [
      {
        keepAliveSeconds: 0,
        status: 'REQUESTED',
        dueAt: '2026-11-25T12:40:00.000Z',
        requestedAt: '2026-11-25T12:40:30.000Z',
      },
      /^terminated by cleanup at .*21:40:30/,
    ],
    [
      {
        keepAliveSeconds: 0,
        status: 'NOT_NEEDED',
        reason: 'no instance was launched',
      },
      'not needed: no instance was launched',
    ],
  ] as [DrillCleanup, string | RegExp][])(
    'says where the drill cleanup stands: %o',
    async (drillCleanup, line) => {
      await renderDetails({
        getExecution: async () => ({ ...finishedDrill(), drillCleanup }),
      });
      const row = (
        await screen.findByRole('cell', { name: /^drill cleanup$/i })
      ).closest('tr')!;
      expect(within(row).getByText(line)).toBeInTheDocument();
    },
  );
});
