import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { fireEvent, screen } from '@testing-library/react';
import { DrsApi } from '../../api';
import { healthFixture, responseError } from '../../__testUtils__/fixtures';
import {
  drsEntity,
  fakeSignals,
  renderEntityView,
} from '../../__testUtils__/render';
import { viewTimesIn } from '../../__testUtils__/timeZone';
import { DrsHealthCard } from './DrsHealthCard';

function renderCard(
  api: Partial<DrsApi>,
  options: {
    signals?: ReturnType<typeof fakeSignals>;
    entity?: Entity;
  } = {},
) {
  return renderEntityView(<DrsHealthCard />, {
    api,
    signals: options.signals?.api,
    entity: options.entity,
  });
}

describe('DrsHealthCard', () => {
  viewTimesIn('America/New_York');

  it('sums up replication, the RPO a recovery would have now, and the last drill', async () => {
    await renderCard({ getDrHealth: async () => healthFixture() });
    expect(await screen.findByText('Could NOT launch now')).toBeInTheDocument();
    expect(
      screen.getByText('1 server is STALLED and cannot be launched'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '3 of 4 servers a recovery can launch, 3 replicating as a drill needs',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('1h 30m')).toBeInTheDocument();
    // when, relative, with 09:42:30 UTC in New York on hover
    const drill = screen.getByText(/ ago$/);
    expect(drill).toHaveAttribute('title', expect.stringMatching(/04:42:30/));
    expect(drill.closest('a')).toHaveAttribute(
      'href',
      expect.stringMatching(
        /\/dr-executions\/aaaaaaaa-0000-4000-8000-000000000001$/,
      ),
    );
    expect(screen.getByText('Recovered in 42m 30s')).toBeInTheDocument();
    expect(screen.getByText('Nothing')).toBeInTheDocument();
  });

  describe('tells the truth about the last drill', () => {
    const failedDrill = {
      executionId: 'aaaaaaaa-0000-4000-8000-000000000001',
      startedAt: '2026-11-20T09:00:00.000Z',
      endedAt: '2026-11-20T09:28:00.000Z',
      waveCount: 3,
      serverCount: 6,
      completedWaveCount: 1,
      progress: { wavesStarted: 2, serversLaunched: 4 },
    };

    it('a completed drill: its measured recovery time, and recovery is proven', async () => {
      await renderCard({
        getDrHealth: async () =>
          healthFixture({ canRecoverNow: true, problems: [], proven: true }),
      });
      expect(
        await screen.findByText('Recovered in 42m 30s'),
      ).toBeInTheDocument();
      expect(screen.getByText('Could launch now')).toBeInTheDocument();
      expect(screen.getByText('Proven by a recent drill')).toBeInTheDocument();
    });

    it('a failed drill: how far it got and why, never a recovery time', async () => {
      await renderCard({
        getDrHealth: async () =>
          healthFixture({
            canRecoverNow: true,
            proven: false,
            lastDrill: {
              ...failedDrill,
              status: 'FAILED',
              statusReason:
                'Wave "app" failed: server s-3 LAUNCH_FAILED at 2026-11-20T09:28:00.000Z',
            },
          }),
      });
      expect(
        await screen.findByText(
          'Failed in wave 2 of 3: 4 of 6 servers launched',
        ),
      ).toBeInTheDocument();
      // why, with the instant in the viewer's zone
      expect(
        screen.getByText(
          'Wave "app" failed: server s-3 LAUNCH_FAILED at 20 Nov 2026, 04:28:00',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText(/Recovered in/)).toBeNull();
      expect(screen.queryByText(/recovered in/)).toBeNull();
      // replication allows a launch; no drill proved it works
      expect(screen.getByText('Could launch now')).toBeInTheDocument();
      expect(
        screen.getByText('Not proven: last drill did not complete'),
      ).toBeInTheDocument();
    });

    it('a cancelled drill: where it stopped and who cancelled it', async () => {
      await renderCard({
        getDrHealth: async () =>
          healthFixture({
            proven: false,
            lastDrill: {
              ...failedDrill,
              status: 'CANCELLED',
              statusReason:
                'Cancelled by user:default/ana at 2026-11-20T09:20:00.000Z',
              progress: { wavesStarted: 1, serversLaunched: 2 },
            },
          }),
      });
      expect(
        await screen.findByText(
          'Was cancelled in wave 1 of 3: 2 of 6 servers launched',
        ),
      ).toBeInTheDocument();
      // who cancelled it, by name and linked, at a local time
      const who = screen.getByText('ana');
      expect(who.closest('a')).toHaveAttribute(
        'href',
        '/catalog/default/user/ana',
      );
      expect(who.closest('div')).toHaveTextContent(
        'Cancelled by ana at 20 Nov 2026, 04:20:00',
      );
      expect(screen.queryByText(/Recovered in/)).toBeNull();
    });

    it('never drilled: says so, and that nothing is proven', async () => {
      await renderCard({
        getDrHealth: async () =>
          healthFixture({
            lastDrill: undefined,
            proven: false,
            problems: ['Never drilled'],
          }),
      });
      expect(
        await screen.findByText('Not proven: never drilled'),
      ).toBeInTheDocument();
      // the section and the problem list both say it
      expect(screen.getAllByText('Never drilled')).toHaveLength(2);
      expect(screen.queryByText(/Recovered in/)).toBeNull();
      expect(screen.getByText('Could NOT launch now')).toBeInTheDocument();
    });
  });

  it('links the running execution and refreshes when a signal arrives', async () => {
    const signals = fakeSignals();
    const entity = drsEntity();
    const entityRef = stringifyEntityRef(entity);
    const getDrHealth = jest
      .fn()
      .mockResolvedValueOnce(
        healthFixture({
          entityRef,
          canRecoverNow: true,
          problems: [],
          activeExecutions: [
            {
              executionId: 'bbbbbbbb-0000-4000-8000-000000000002',
              status: 'POLLING',
              mode: 'DRILL',
              planName: 'Checkout full stack',
            },
          ],
        }),
      )
      .mockResolvedValueOnce(
        healthFixture({ canRecoverNow: true, problems: [] }),
      );
    await renderCard({ getDrHealth }, { signals, entity });
    const running = await screen.findByText('Drill of Checkout full stack');
    expect(screen.getByText('Could launch now')).toBeInTheDocument();
    expect(running.closest('a')).toHaveAttribute(
      'href',
      `/catalog/default/component/${entity.metadata.name}/dr-executions/bbbbbbbb-0000-4000-8000-000000000002`,
    );
    signals.send(`drs:entity:${entityRef}`, { status: 'COMPLETED' });
    expect(await screen.findByText('Nothing')).toBeInTheDocument();
  });

  it('keeps showing the last health when a refresh fails, and says so', async () => {
    const signals = fakeSignals();
    const entity = drsEntity();
    const getDrHealth = jest
      .fn()
      .mockResolvedValueOnce(healthFixture())
      .mockRejectedValueOnce(new Error('Could not reach the DRS backend'));
    await renderCard({ getDrHealth }, { signals, entity });
    expect(
      await screen.findByText(
        '3 of 4 servers a recovery can launch, 3 replicating as a drill needs',
      ),
    ).toBeInTheDocument();
    signals.send(`drs:entity:${stringifyEntityRef(entity)}`, {});
    expect(
      await screen.findByText(
        /Could not refresh \(Could not reach the DRS backend\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '3 of 4 servers a recovery can launch, 3 replicating as a drill needs',
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's message with a retry", async () => {
    const getDrHealth = jest
      .fn()
      .mockRejectedValueOnce(await responseError(502, 'DRS is unreachable'))
      .mockResolvedValueOnce(healthFixture());
    await renderCard({ getDrHealth });
    expect(
      (await screen.findAllByText(/DRS is unreachable/)).length,
    ).toBeGreaterThan(0);
    fireEvent.click(screen.getByText('Retry'));
    expect(await screen.findByText('Could NOT launch now')).toBeInTheDocument();
  });

  it('explains the missing annotation', async () => {
    const getDrHealth = jest.fn();
    await renderCard({ getDrHealth }, { entity: drsEntity(false) });
    expect(
      await screen.findByText('This service names no DRS source servers'),
    ).toBeInTheDocument();
    expect(getDrHealth).not.toHaveBeenCalled();
  });
});
