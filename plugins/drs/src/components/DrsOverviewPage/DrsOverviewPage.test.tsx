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
    .map(row => within(row).getAllByRole('cell')[0].textContent);
}

describe('DrsOverviewPage', () => {
  it('puts the services that could NOT recover right now first, with their problems', async () => {
    await renderEntityView(<DrsOverviewPage />, {
      api: { listDrHealth: async () => items },
    });
    expect(
      await screen.findByText(
        '2 of 3 services could NOT recover right now: Checkout, Payments.',
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

  it('filters by owner and by state', async () => {
    await renderEntityView(<DrsOverviewPage />, {
      api: { listDrHealth: async () => items },
    });
    await screen.findByText(/services could NOT recover/);

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
      await screen.findByText('No catalog entity carries DRS annotations yet.'),
    ).toBeInTheDocument();
  });
});
