import { screen } from '@testing-library/react';
import { PlanEvaluationList } from '../../api';
import { renderEntityView } from '../../__testUtils__/render';
import { PlansNotRecoverable } from './PlansNotRecoverable';

const lastEvaluation = {
  completedAt: '2026-03-01T12:00:00.000Z',
  durationMs: 900,
  plans: 40,
  failing: 1,
  degraded: 1,
  unknown: 0,
  locations: 3,
};

const failing: PlanEvaluationList = {
  lastEvaluation,
  items: [
    {
      entityRef: 'component:default/checkout',
      planId: 'p1',
      planName: 'Checkout full',
      status: 'fail',
      evaluatedAt: lastEvaluation.completedAt,
      failingSince: '2026-03-01T11:30:00.000Z',
      planVersion: 3,
      serverCount: 6,
      reasons: [
        {
          kind: 'not-replicating',
          severity: 'error',
          sourceServerId: 's-00000000000000db1',
          message:
            'Server checkout-db-1 (s-00000000000000db1) has no completed point in time (replication is STOPPED)',
        },
        ...[1, 2, 3].map(n => ({
          kind: 'lag' as const,
          severity: 'warning' as const,
          message: `Server web-${n} lags 20 minutes behind`,
        })),
      ],
    },
    {
      entityRef: 'component:default/payments',
      planId: 'p2',
      planName: 'Payments',
      status: 'degraded',
      evaluatedAt: lastEvaluation.completedAt,
      planVersion: 1,
      serverCount: 2,
      reasons: [
        {
          kind: 'rpo',
          severity: 'warning',
          message:
            'RPO at risk: payments-batch-1: latest point in time 13m old',
        },
      ],
    },
  ],
};

describe('PlansNotRecoverable', () => {
  it('lists each plan that would not recover now, its standing and why', async () => {
    await renderEntityView(<PlansNotRecoverable />, {
      api: { listPlanEvaluations: async () => failing },
    });
    expect(
      await screen.findByText('Plans that would not recover now'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/40 plans, 1 would fail and 1 would degrade/),
    ).toBeInTheDocument();
    expect(screen.getByText('Checkout full')).toBeInTheDocument();
    expect(screen.getByText('Would fail')).toBeInTheDocument();
    expect(screen.getByText('Degraded')).toBeInTheDocument();
    expect(
      screen.getByText(/checkout-db-1 .*\(replication is STOPPED\)/),
    ).toBeInTheDocument();
    // Three reasons shown of four, the rest counted.
    expect(
      screen.getByText('Server web-2 lags 20 minutes behind'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText('Server web-3 lags 20 minutes behind'),
    ).toBeNull();
    expect(screen.getByText('and 1 more')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /checkout/ })).toBeInTheDocument();
  });

  it('says when every plan would recover, and when none was evaluated yet', async () => {
    await renderEntityView(<PlansNotRecoverable />, {
      api: { listPlanEvaluations: async () => ({ items: [], lastEvaluation }) },
    });
    expect(
      await screen.findByText(
        /40 plans; every plan you can see would recover now/,
      ),
    ).toBeInTheDocument();
  });

  it('says when no plan was evaluated yet', async () => {
    await renderEntityView(<PlansNotRecoverable />, {
      api: { listPlanEvaluations: async () => ({ items: [] }) },
    });
    expect(
      await screen.findByText(/No plan has been evaluated yet/),
    ).toBeInTheDocument();
  });

  it('shows the error with a retry when the evaluations cannot be read', async () => {
    await renderEntityView(<PlansNotRecoverable />, {
      api: {
        listPlanEvaluations: async () => {
          throw new Error('Plan evaluation is not available');
        },
      },
    });
    expect(
      (await screen.findAllByText(/Plan evaluation is not available/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /retry/i })).toBeInTheDocument();
  });

  it('renders nothing with a DRS API that has no evaluations', async () => {
    const { container } = await renderEntityView(<PlansNotRecoverable />, {
      api: {},
    });
    expect(container.textContent).toBe('');
  });
});
