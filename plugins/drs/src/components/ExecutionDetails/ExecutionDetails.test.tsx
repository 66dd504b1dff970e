import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Execution } from '@drs-orchestration/plugin-drs-common';
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

describe('ExecutionDetails', () => {
  viewTimesIn('Asia/Tokyo');

  it('shows the polling metadata, per-wave progress and the servers of the running wave', async () => {
    await renderDetails({ getExecution: async () => executionFixture() });
    expect(await screen.findByText('Timeline')).toBeInTheDocument();

    expect(screen.getByText(/21:14:30/)).toBeInTheDocument();
    expect(screen.getByText('29')).toBeInTheDocument();
    expect(screen.getByText(/21:15:00/)).toBeInTheDocument();
    expect(
      screen.getByText(/ThrottlingException: Rate exceeded \(.*21:13:00\)/),
    ).toBeInTheDocument();

    const db = screen.getByLabelText('Wave db');
    expect(within(db).getByText('1 of 1 launched')).toBeInTheDocument();
    expect(within(db).getByText('10m')).toBeInTheDocument();
    const app = screen.getByLabelText('Wave app');
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
    expect(screen.queryByText('i-0abc00000000000a (running)')).toBeNull();
    fireEvent.click(db);
    expect(
      await screen.findByText('i-0abc00000000000a (running)'),
    ).toBeInTheDocument();
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
    const app = await screen.findByLabelText('Wave app');
    expect(
      within(app).getByText(/^Waiting for DRS capacity since \S/),
    ).toBeInTheDocument();
    expect(
      within(screen.getByLabelText('Wave db')).queryByText(/DRS capacity/),
    ).toBeNull();
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
    fireEvent.click(screen.getByLabelText('Wave wave-7'));
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

    fireEvent.click(screen.getByLabelText('Wave db'));
    const row = (await screen.findByText('pit-00a')).closest('tr')!;
    expect(within(row).getByText('checkout-db-1')).toBeInTheDocument();
    expect(within(row).getByText(/20:18:00/)).toBeInTheDocument();
    expect(within(row).getByText('50m')).toBeInTheDocument();
  });
});
