import { fireEvent, screen, within } from '@testing-library/react';
import { DrHealthOverviewItem } from '../../api';
import { healthFixture } from '../../__testUtils__/fixtures';
import { objectivesFixture } from '../../__testUtils__/objectives';
import { renderEntityView } from '../../__testUtils__/render';
import { DrsOverviewPage } from './DrsOverviewPage';

const item = (
  title: string,
  objectives: DrHealthOverviewItem['objectives'],
): DrHealthOverviewItem => ({
  ...healthFixture({
    entityRef: `component:default/${title.toLowerCase()}`,
    objectives,
  }),
  title,
});

const items = [
  item('Search', objectivesFixture('met', 'met', { status: 'met' })),
  item('Docs', undefined),
  item(
    'Checkout',
    objectivesFixture('met', 'breached', { status: 'breached' }),
  ),
  item('Payments', {
    ...objectivesFixture('at-risk', 'met'),
    problems: [
      {
        field: 'aws.amazon.com/drs-rto',
        value: '1h',
        message: '"1h" is not an ISO 8601 duration',
      },
    ],
    status: 'invalid',
  }),
  item('Ledger', objectivesFixture('never-drilled', 'met')),
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

describe('DrsOverviewPage objectives', () => {
  it('shows each service against its RTO and RPO, and sorts by the standing, worst first', async () => {
    await renderEntityView(<DrsOverviewPage />, {
      api: { listDrHealth: async () => items },
    });
    await screen.findByText(/services could NOT launch/);
    const checkout = screen
      .getAllByRole('row')
      .find(row => within(row).queryByText('Checkout'))!;
    expect(within(checkout).getByText('RTO met')).toBeInTheDocument();
    expect(within(checkout).getByText('RPO breached')).toBeInTheDocument();
    expect(
      within(checkout).getByText('RPO reason breached'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Configuration problem: aws.amazon.com/drs-rto "1h" is not an ISO 8601 duration',
      ),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByText('Objectives (RTO / RPO)'));
    expect(serviceNames()).toEqual([
      'Checkout',
      'Payments',
      'Ledger',
      'Search',
      'Docs',
    ]);
    fireEvent.click(screen.getByText('Objectives (RTO / RPO)'));
    expect(serviceNames()).toEqual([
      'Docs',
      'Search',
      'Ledger',
      'Payments',
      'Checkout',
    ]);
  });
});
