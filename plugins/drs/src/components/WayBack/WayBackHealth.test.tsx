import { stringifyEntityRef } from '@backstage/catalog-model';
import { ExecutionSummary } from '@drs-orchestration/plugin-drs-common';
import { screen, waitFor } from '@testing-library/react';
import {
  executionFixture,
  healthFixture,
  summaryOf,
} from '../../__testUtils__/fixtures';
import {
  drsEntity,
  fakeSignals,
  renderEntityView,
} from '../../__testUtils__/render';
import { viewTimesIn } from '../../__testUtils__/timeZone';
import { DrsHealthCard } from '../DrsHealthCard/DrsHealthCard';

const RECOVERY_ID = '6f1c3f4e-8a51-4c1e-9a57-4d2b8a9f0e11';

describe('The way back on the DR health card', () => {
  viewTimesIn('UTC');

  it('says the service runs in the recovery region, then that it is protected again, live', async () => {
    const signals = fakeSignals();
    const entity = drsEntity();
    const entityRef = stringifyEntityRef(entity);
    const recovery = summaryOf(
      executionFixture({
        executionId: RECOVERY_ID,
        entityRef,
        mode: 'RECOVERY',
        status: 'COMPLETED',
        endedAt: '2026-11-25T12:40:00.000Z',
      }),
    );
    let history: ExecutionSummary[] = [recovery];
    const listExecutions = jest.fn(async () => ({ items: history }));
    await renderEntityView(<DrsHealthCard />, {
      api: {
        getDrHealth: async () => healthFixture({ entityRef }),
        listExecutions,
      },
      entity,
      signals: signals.api,
    });
    const line = await screen.findByTestId('way-back-health');
    expect(line).toHaveTextContent(
      'Running in the recovery region (us-east-1) since 25 Nov 2026, 12:40:00. Not protected: reverse its replication to fail back.',
    );
    expect(screen.getByRole('link', { name: 'Recovery' })).toHaveAttribute(
      'href',
      expect.stringContaining(`/dr-executions/${RECOVERY_ID}`),
    );

    history = [
      {
        ...recovery,
        executionId: '7a2d4e5f-9b62-4d2f-8b68-5e3c9b0a1f22',
        mode: 'FAILBACK',
        region: 'us-west-2',
        lineage: { fromExecutionId: RECOVERY_ID, fromMode: 'RECOVERY' },
        requests: {
          reverseReplication: {
            by: 'user:default/sre',
            at: '2026-11-25T13:00:00.000Z',
            status: 'CONTINUOUS',
            endedAt: '2026-11-25T13:10:00.000Z',
            servers: [],
          },
        },
      },
      recovery,
    ];
    signals.send(`drs:entity:${entityRef}`, {});
    await waitFor(() =>
      expect(screen.getByTestId('way-back-health')).toHaveTextContent(
        'Protected: failed back to us-west-2, replicating to the recovery region again since 25 Nov 2026, 13:10:00.',
      ),
    );
  });

  it('says nothing for a service that never recovered', async () => {
    const entity = drsEntity();
    const listExecutions = jest.fn(async () => ({ items: [] }));
    await renderEntityView(<DrsHealthCard />, {
      api: {
        getDrHealth: async () =>
          healthFixture({ entityRef: stringifyEntityRef(entity) }),
        listExecutions,
      },
      entity,
    });
    await waitFor(() => expect(listExecutions).toHaveBeenCalled());
    expect(screen.queryByTestId('way-back-health')).toBeNull();
  });
});
