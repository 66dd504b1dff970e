import { DrillScheduleStatus } from '@drs-orchestration/plugin-drs-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DrHealthOverviewItem } from '../../api';
import { healthFixture } from '../../__testUtils__/fixtures';
import { renderEntityView } from '../../__testUtils__/render';
import { DrsHealthCard } from '../DrsHealthCard/DrsHealthCard';
import { DrsOverviewPage } from '../DrsOverviewPage/DrsOverviewPage';

const weekly: DrillScheduleStatus = {
  planId: 'plan-1',
  planName: 'Checkout DR',
  description: '0 3 * * 1 (Europe/Berlin)',
  enabled: true,
  nextDueAt: '2026-12-14T02:00:00.000Z',
  lastSuccessfulDrillAt: '2026-11-02T02:00:00.000Z',
  overdue: true,
  overdueSince: '2026-11-09T08:00:00.000Z',
};
const monthly: DrillScheduleStatus = {
  planId: 'plan-2',
  planName: 'Payments DR',
  description: 'every P30D (UTC)',
  enabled: true,
  nextDueAt: '2026-12-20T00:00:00.000Z',
  lastSuccessfulDrillAt: '2026-11-20T00:00:00.000Z',
  overdue: false,
};

describe('scheduled drills on the health card and the ops page', () => {
  it('flags an overdue plan on the card, beside its schedule and next due time', async () => {
    await renderEntityView(<DrsHealthCard />, {
      api: {
        getDrHealth: async () =>
          healthFixture({
            drillSchedules: [weekly, { ...monthly, enabled: false }],
          }),
      },
    });
    expect(await screen.findByText('Scheduled drills')).toBeInTheDocument();
    expect(screen.getByText('overdue')).toBeInTheDocument();
    expect(
      screen.getByText('Checkout DR: 0 3 * * 1 (Europe/Berlin)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Overdue since .*; next drill/),
    ).toBeInTheDocument();
    expect(screen.getByText('disabled')).toBeInTheDocument();
  });

  it('shows no schedule section for an entity whose plans have none', async () => {
    await renderEntityView(<DrsHealthCard />, {
      api: { getDrHealth: async () => healthFixture({}) },
    });
    await screen.findByText('Last drill');
    expect(screen.queryByText('Scheduled drills')).toBeNull();
  });

  it('flags overdue services on the ops page, and filters to them', async () => {
    const item = (
      title: string,
      drillSchedules?: DrillScheduleStatus[],
    ): DrHealthOverviewItem => ({
      ...healthFixture({
        entityRef: `component:default/${title.toLowerCase()}`,
        drillSchedules,
      }),
      title,
    });
    await renderEntityView(<DrsOverviewPage />, {
      api: {
        listDrHealth: async () => [
          item('Checkout', [weekly]),
          item('Payments', [monthly]),
          item('Docs'),
        ],
      },
    });
    await screen.findByText(/services could NOT launch/);
    const rowOf = (name: string) =>
      screen.getAllByRole('row').find(row => within(row).queryByText(name))!;
    expect(
      within(rowOf('Checkout')).getByText('drill overdue'),
    ).toBeInTheDocument();
    expect(
      within(rowOf('Checkout')).getByText('Checkout DR'),
    ).toBeInTheDocument();
    expect(within(rowOf('Payments')).queryByText('drill overdue')).toBeNull();

    fireEvent.mouseDown(screen.getByLabelText(/State/));
    fireEvent.click(
      within(screen.getByRole('listbox')).getByText('Scheduled drill overdue'),
    );
    await waitFor(() => expect(screen.queryByText('Payments')).toBeNull());
    expect(screen.getByText('Checkout')).toBeInTheDocument();
  });
});
