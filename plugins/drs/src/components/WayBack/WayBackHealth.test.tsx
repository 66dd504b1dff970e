import { stringifyEntityRef } from '@backstage/catalog-model';
import { DrHealth } from '@drs-orchestration/plugin-drs-common';
import { screen, waitFor, within } from '@testing-library/react';
import { healthFixture } from '../../__testUtils__/fixtures';
import {
  drsEntity,
  fakeSignals,
  renderEntityView,
} from '../../__testUtils__/render';
import { viewTimesIn } from '../../__testUtils__/timeZone';
import { DrsHealthCard } from '../DrsHealthCard/DrsHealthCard';

const RECOVERY_ID = '6f1c3f4e-8a51-4c1e-9a57-4d2b8a9f0e11';
const FAILBACK_ID = '7a2d4e5f-9b62-4d2f-8b68-5e3c9b0a1f22';
const RUNNING =
  'Running in the recovery region (us-east-1) since 2026-11-25T12:40:00.000Z, unprotected: start reverse replication to fail back';

describe('The way back on the DR health card', () => {
  viewTimesIn('UTC');

  it('says the service runs in the recovery region, then that it is protected again, live', async () => {
    const signals = fakeSignals();
    const entity = drsEntity();
    const entityRef = stringifyEntityRef(entity);
    let health: DrHealth = healthFixture({
      entityRef,
      problems: [RUNNING, 'payments-db-1 is STALLED'],
      wayBack: {
        state: 'RUNNING_IN_RECOVERY_REGION',
        message: RUNNING,
        since: '2026-11-25T12:40:00.000Z',
        recoveryExecutionId: RECOVERY_ID,
      },
    });
    await renderEntityView(<DrsHealthCard />, {
      api: { getDrHealth: async () => health },
      entity,
      signals: signals.api,
    });
    const line = await screen.findByTestId('way-back-health');
    // in the viewer's time, once: not again, raw, among the problems
    expect(line).toHaveTextContent(
      'Running in the recovery region (us-east-1) since 25 Nov 2026, 12:40:00, unprotected',
    );
    expect(screen.getAllByText(/Running in the recovery region/)).toHaveLength(
      1,
    );
    expect(screen.getByText('payments-db-1 is STALLED')).toBeInTheDocument();
    expect(
      within(line).getByRole('link', { name: 'Recovery' }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining(`/dr-executions/${RECOVERY_ID}`),
    );

    health = healthFixture({
      entityRef,
      wayBack: {
        state: 'PROTECTED',
        message:
          'Protected: Failed back to us-west-2 at 2026-11-25T13:10:00.000Z, replicating to us-east-1 again',
        recoveryExecutionId: RECOVERY_ID,
        failbackExecutionId: FAILBACK_ID,
      },
    });
    signals.send(`drs:entity:${entityRef}`, {});
    await waitFor(() =>
      expect(screen.getByTestId('way-back-health')).toHaveTextContent(
        'Protected: Failed back to us-west-2 at 25 Nov 2026, 13:10:00, replicating to us-east-1 again',
      ),
    );
    expect(
      within(screen.getByTestId('way-back-health')).getByRole('link', {
        name: 'Failback',
      }),
    ).toHaveAttribute('href', expect.stringContaining(FAILBACK_ID));
  });

  it('says nothing for a service that never recovered', async () => {
    const entity = drsEntity();
    await renderEntityView(<DrsHealthCard />, {
      api: {
        getDrHealth: async () =>
          healthFixture({ entityRef: stringifyEntityRef(entity) }),
      },
      entity,
    });
    expect(await screen.findByText('Could NOT launch now')).toBeInTheDocument();
    expect(screen.queryByTestId('way-back-health')).toBeNull();
  });
});
