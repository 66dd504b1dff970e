import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DrHealthOverviewItem } from '../../api';
import { healthFixture } from '../../__testUtils__/fixtures';
import { renderEntityView } from '../../__testUtils__/render';
import { DrsOverviewPage } from './DrsOverviewPage';

const items: DrHealthOverviewItem[] = [
  {
    ...healthFixture({
      entityRef: 'component:default/search',
      canRecoverNow: true,
      problems: [],
      worstLagSeconds: 40,
    }),
    title: 'Search',
    // Written short, as the catalog allows (create-app's entities say `owner: guests`).
    owner: 'team-search',
  },
  {
    ...healthFixture({ entityRef: 'component:default/checkout' }),
    title: 'Checkout',
    owner: 'group:default/team-checkout',
  },
  {
    ...healthFixture({
      entityRef: 'component:default/payments',
      canRecoverNow: false,
      problems: ['No recovery plan'],
      activeExecutions: [
        {
          executionId: 'cccccccc-0000-4000-8000-000000000003',
          status: 'POLLING',
          mode: 'DRILL',
          planName: 'Payments drill',
        },
      ],
    }),
    title: 'Payments',
    owner: 'group:default/team-checkout',
  },
];

function serviceNames() {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(
      // the service's link, first in its cell (its owner follows)
      row =>
        within(within(row).getAllByRole('cell')[0]).getAllByRole('link')[0]
          .textContent,
    );
}

describe('DrsOverviewPage', () => {
  it('puts the services that could NOT launch a recovery now first, with their problems', async () => {
    await renderEntityView(<DrsOverviewPage />, {
      api: { listDrHealth: async () => items },
    });
    expect(
      await screen.findByText(
        '2 of 3 services could NOT launch a recovery now: Checkout, Payments.',
      ),
    ).toBeInTheDocument();
    expect(serviceNames()).toEqual(['Checkout', 'Payments', 'Search']);
    // Owners are links by name, never raw refs.
    expect(screen.getByText('team-search').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/group/team-search',
    );
    expect(screen.queryByText('group:default/team-search')).toBeNull();
    expect(screen.getByText('No recovery plan')).toBeInTheDocument();
    expect(screen.getByText('Payments drill').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments/dr-executions/cccccccc-0000-4000-8000-000000000003',
    );
    expect(screen.getAllByText('Plans')[0].closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/dr-plans',
    );
  });

  it('names services without a title by name, never by raw ref', async () => {
    const { title, ...untitled } = items[1];
    await renderEntityView(<DrsOverviewPage />, {
      api: { listDrHealth: async () => [untitled] },
    });
    expect(
      await screen.findByText(
        '1 of 1 services could NOT launch a recovery now: checkout.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/component:default\/checkout/)).toBeNull();
  });

  it('filters by owner and by state', async () => {
    await renderEntityView(<DrsOverviewPage />, {
      api: { listDrHealth: async () => items },
    });
    await screen.findByText(/services could NOT launch/);

    fireEvent.mouseDown(screen.getByLabelText('Owner'));
    fireEvent.click(
      within(screen.getByRole('listbox')).getByText('team-checkout'),
    );
    expect(serviceNames()).toEqual(['Checkout', 'Payments']);
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());

    fireEvent.mouseDown(screen.getByLabelText('State'));
    fireEvent.click(
      within(screen.getByRole('listbox')).getByText(
        'Drill or recovery running',
      ),
    );
    expect(serviceNames()).toEqual(['Payments']);
  });

  it('says when no entity has DRS annotations', async () => {
    await renderEntityView(<DrsOverviewPage />, {
      api: { listDrHealth: async () => [] },
    });
    expect(
      await screen.findByText('No service uses DRS yet'),
    ).toBeInTheDocument();
    // what to do next: the annotations that bring a service here
    expect(
      screen.getByText(/aws\.amazon\.com\/drs-source-server-tags/),
    ).toBeInTheDocument();
  });

  it('shows a recovery time only for a completed last drill; otherwise how far it got and why', async () => {
    const drill = {
      executionId: 'dddddddd-0000-4000-8000-000000000004',
      startedAt: '2026-11-20T09:00:00.000Z',
      endedAt: '2026-11-20T09:28:00.000Z',
      waveCount: 3,
      serverCount: 6,
      completedWaveCount: 1,
    };
    await renderEntityView(<DrsOverviewPage />, {
      api: {
        listDrHealth: async () => [
          { ...items[0], proven: true },
          {
            ...items[1],
            lastDrill: {
              ...drill,
              status: 'FAILED',
              statusReason: 'Wave "app" failed: LAUNCH_FAILED',
              progress: { wavesStarted: 2, serversLaunched: 4 },
            },
          },
          {
            ...items[2],
            lastDrill: {
              ...drill,
              status: 'CANCELLED',
              statusReason: 'Cancelled by user:default/ana',
              progress: { wavesStarted: 1, serversLaunched: 2 },
            },
          },
        ],
      },
    });
    await screen.findByText(/services could NOT launch/);
    const cells = () =>
      screen
        .getAllByRole('row')
        .slice(1)
        .map(row => row.textContent ?? '');
    const [checkout, payments, search] = cells();
    expect(checkout).toContain(
      'Failed in wave 2 of 3: 4 of 6 servers launched',
    );
    expect(checkout).toContain('Wave "app" failed: LAUNCH_FAILED');
    expect(checkout).toContain('Not proven: last drill did not complete');
    expect(checkout).not.toMatch(/recovered in/i);
    expect(payments).toContain(
      'Was cancelled in wave 1 of 3: 2 of 6 servers launched',
    );
    expect(payments).not.toMatch(/recovered in/i);
    expect(search).toContain('Recovered in 42m 30s');
    expect(search).toContain('Proven by a recent drill');
  });
});
