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
    expect(
      await screen.findByText('Could NOT recover now'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 server is STALLED and cannot be launched'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '3 of 4 servers a recovery can launch, 3 replicating as a drill needs',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('1h 30m')).toBeInTheDocument();
    // 09:42:30 UTC in New York
    const drill = screen.getByText(/04:42:30/);
    expect(drill.closest('a')).toHaveAttribute(
      'href',
      expect.stringMatching(
        /\/dr-executions\/aaaaaaaa-0000-4000-8000-000000000001$/,
      ),
    );
    expect(screen.getByText('Recovery time: 42m 30s')).toBeInTheDocument();
    expect(screen.getByText('Nothing')).toBeInTheDocument();
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
    expect(screen.getByText('Could recover now')).toBeInTheDocument();
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
    expect(
      await screen.findByText('Could NOT recover now'),
    ).toBeInTheDocument();
  });

  it('explains the missing annotation', async () => {
    const getDrHealth = jest.fn();
    await renderCard({ getDrHealth }, { entity: drsEntity(false) });
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(getDrHealth).not.toHaveBeenCalled();
  });
});
