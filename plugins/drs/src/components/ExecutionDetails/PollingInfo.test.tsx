import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ExecutionStatus } from '@drs-orchestration/plugin-drs-common';
import { PollingInfo } from './PollingInfo';

const inMinutes = (minutes: number) =>
  new Date(Date.now() + minutes * 60_000).toISOString();

async function renderNextPoll(status: ExecutionStatus, nextPollAt: string) {
  await renderInTestApp(
    <PollingInfo
      status={status}
      polling={{ pollCount: 3, lastPolledAt: inMinutes(-1), nextPollAt }}
    />,
  );
}

describe('PollingInfo', () => {
  it('shows a next poll still ahead as a time', async () => {
    await renderNextPoll('POLLING', inMinutes(5));
    expect(screen.getByText(/^in [45] minutes$/)).toBeInTheDocument();
  });

  it.each([
    ['POLLING', 'due now'],
    ['PAUSED', 'when a wave is approved or resumed'],
    ['COMPLETED', 'none: the execution has ended'],
    ['CANCELLED', 'none: the execution has ended'],
  ] as const)(
    'says why a %s execution has no next poll ahead',
    async (status, shown) => {
      await renderNextPoll(status, inMinutes(-2));
      expect(screen.getByText(shown)).toBeInTheDocument();
      expect(screen.queryByText(/minutes ago/)).not.toBeInTheDocument();
    },
  );
});
