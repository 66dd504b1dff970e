import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { rest } from 'msw';
import { setupServer } from 'msw/node';
import { DrsApi, DrsClient } from '../../api';
import { executionFixture, summaryOf } from '../../__testUtils__/fixtures';
import { fakeSignals, renderEntityView } from '../../__testUtils__/render';
import { viewTimesIn } from '../../__testUtils__/timeZone';
import { DrsExecutionsContent } from './DrsExecutionsContent';

const finished = {
  ...summaryOf(
    executionFixture({
      executionId: '11111111-1111-4111-8111-111111111111',
      status: 'COMPLETED',
      startedAt: '2026-11-25T12:00:00.000Z',
      endedAt: '2026-11-25T12:42:30.000Z',
    }),
  ),
  worstDataLossSeconds: 3030,
};
const running = summaryOf(
  executionFixture({
    executionId: '22222222-2222-4222-8222-222222222222',
    planName: 'Checkout db only',
    mode: 'RECOVERY',
    status: 'POLLING',
    initiatedBy: 'user:default/bob',
  }),
);

function renderTab(
  api: Partial<DrsApi>,
  options: { signals?: ReturnType<typeof fakeSignals>; route?: string } = {},
) {
  return renderEntityView(<DrsExecutionsContent />, {
    api,
    signals: options.signals?.api,
    mountPath: '/dr-executions/*',
    route: options.route ?? '/dr-executions',
  });
}

describe('DrsExecutionsContent history', () => {
  viewTimesIn('Asia/Tokyo');

  it('lists executions newest first with status, mode, local start time, duration, data loss and initiator', async () => {
    await renderTab({
      listExecutions: async () => ({ items: [running, finished] }),
    });
    const rows = await screen.findAllByRole('row');
    const texts = rows.map(row => row.textContent);
    expect(texts[1]).toContain('Checkout db only');
    expect(texts[1]).toContain('RECOVERY');
    expect(texts[1]).toContain('POLLING');
    // the initiator by name, linked to their catalog page
    expect(texts[1]).not.toContain('user:default/bob');
    expect(within(rows[1]).getByText('bob').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/user/bob',
    );
    expect(texts[2]).toContain('COMPLETED');
    // relative, with 12:00 UTC in Tokyo on hover; 42 minutes 30 seconds from start to end
    expect(texts[2]).toMatch(/ ago/);
    expect(rows[2].querySelector('time')).toHaveAttribute(
      'title',
      expect.stringContaining('21:00:00'),
    );
    expect(rows[2].querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-11-25T12:00:00.000Z',
    );
    expect(texts[2]).toContain('42m 30s');
    expect(texts[2]).toContain('1 / 2');
    expect(texts[2]).toContain('50m 30s');
  });

  it('says when nothing ran yet, and when nothing matches the filter', async () => {
    const listExecutions = jest.fn(async () => ({ items: [] }));
    const { entity } = await renderTab({ listExecutions });
    expect(
      await screen.findByText('No drills or recoveries yet'),
    ).toBeInTheDocument();
    // what to do next: drills start from a plan on the DR Plans tab
    expect(screen.getByText('Go to DR Plans').closest('a')).toHaveAttribute(
      'href',
      `/catalog/default/component/${entity.metadata.name}/dr-plans`,
    );
    fireEvent.mouseDown(screen.getByLabelText('Status'));
    fireEvent.click(within(screen.getByRole('listbox')).getByText('FAILED'));
    expect(
      await screen.findByText('No FAILED drills or recoveries.'),
    ).toBeInTheDocument();
    expect(listExecutions).toHaveBeenLastCalledWith(expect.any(String), {
      limit: 25,
      status: 'FAILED',
      cursor: undefined,
    });
  });

  it('says how far a failed or cancelled execution got, and why it ended', async () => {
    const failed = {
      ...summaryOf(
        executionFixture({
          executionId: '33333333-3333-4333-8333-333333333333',
          status: 'FAILED',
          statusReason:
            'Wave "app" failed: LAUNCH_FAILED at 2026-11-25T12:10:00.000Z',
          initiatedBy: 'plugin:drs/scheduler',
        }),
      ),
      waveCount: 3,
      serverCount: 6,
      progress: { wavesStarted: 2, serversLaunched: 4 },
    };
    const cancelled = {
      ...summaryOf(
        executionFixture({
          executionId: '44444444-4444-4444-8444-444444444444',
          status: 'CANCELLED',
        }),
      ),
      waveCount: 2,
      serverCount: 3,
      progress: { wavesStarted: 0, serversLaunched: 0 },
    };
    await renderTab({
      listExecutions: async () => ({ items: [failed, cancelled] }),
    });
    expect(
      await screen.findByText('Failed in wave 2 of 3: 4 of 6 servers launched'),
    ).toBeInTheDocument();
    // the reason in the viewer's zone (21:10 in Tokyo), whole on hover
    expect(
      screen.getByText(
        'Wave "app" failed: LAUNCH_FAILED at 25 Nov 2026, 21:10:00',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Was cancelled before any wave started: 0 of 3 servers launched',
      ),
    ).toBeInTheDocument();
    // a scheduled drill names the scheduler in words, its principal on hover
    expect(screen.getByText('DRS drill scheduler')).toHaveAttribute(
      'title',
      'plugin:drs/scheduler',
    );
  });

  it('pages back and forth with the cursors the backend gave', async () => {
    const listExecutions = jest.fn(
      async (_ref: string, request?: { cursor?: string }) =>
        request?.cursor === 'page-2'
          ? { items: [finished] }
          : { items: [running], nextCursor: 'page-2' },
    );
    await renderTab({ listExecutions });
    expect(await screen.findByText('Checkout db only')).toBeInTheDocument();
    expect(screen.getByText('Newer').closest('button')).toBeDisabled();
    fireEvent.click(screen.getByText('Older'));
    expect(await screen.findByText('Checkout full stack')).toBeInTheDocument();
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    expect(screen.getByText('Older').closest('button')).toBeDisabled();
    fireEvent.click(screen.getByText('Newer'));
    expect(await screen.findByText('Checkout db only')).toBeInTheDocument();
  });

  it('updates when a signal says an execution of the entity changed', async () => {
    const signals = fakeSignals();
    const listExecutions = jest
      .fn()
      .mockResolvedValueOnce({ items: [running] })
      .mockResolvedValueOnce({ items: [{ ...running, status: 'COMPLETED' }] });
    const { entityRef } = await renderTab({ listExecutions }, { signals });
    expect(await screen.findByText('POLLING')).toBeInTheDocument();
    signals.send(`drs:entity:${entityRef}`, {
      executionId: running.executionId,
      entityRef,
      status: 'COMPLETED',
      version: 40,
    });
    expect(await screen.findByText('COMPLETED')).toBeInTheDocument();
    expect(screen.queryByText('POLLING')).toBeNull();
  });

  it('opens the details at their own address, and goes back to the history', async () => {
    const getExecution = jest.fn(async () =>
      executionFixture({ executionId: running.executionId }),
    );
    await renderTab({
      listExecutions: async () => ({ items: [running] }),
      getExecution,
    });
    fireEvent.click(await screen.findByText('Checkout db only'));
    expect(await screen.findByText('Timeline')).toBeInTheDocument();
    expect(getExecution).toHaveBeenCalledWith(running.executionId);
    fireEvent.click(screen.getByText('← All executions'));
    expect(await screen.findByText('DR executions')).toBeInTheDocument();
  });
});

describe('DrsExecutionsContent errors', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const baseUrl = 'http://backstage.test/api/drs';
  const client = new DrsClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
    timeoutMs: 200,
  });

  /** Answers the history request first with `failure`, then with a page. */
  function failOnce(failure: Parameters<typeof rest.get>[1]) {
    let calls = 0;
    server.use(
      rest.get(
        `${baseUrl}/entities/:kind/:namespace/:name/executions`,
        (...args) => {
          calls += 1;
          const [, res, ctx] = args;
          return calls === 1
            ? failure(...args)
            : res(ctx.json({ items: [running] }));
        },
      ),
    );
  }

  it.each([
    [
      'a timeout',
      ((_req, res, ctx) =>
        res(ctx.delay(1000), ctx.json({ items: [] }))) as Parameters<
        typeof rest.get
      >[1],
      /did not answer within 0.2 seconds/,
    ],
    [
      'an error response',
      ((_req, res, ctx) =>
        res(
          ctx.status(503),
          ctx.json({
            error: {
              name: 'ServiceUnavailableError',
              message: 'DynamoDB is throttling reads',
            },
            response: { statusCode: 503 },
          }),
        )) as Parameters<typeof rest.get>[1],
      /DynamoDB is throttling reads/,
    ],
    [
      'an invalid payload',
      ((_req, res, ctx) => res(ctx.json({ executions: [] }))) as Parameters<
        typeof rest.get
      >[1],
      /unexpected format \("items" is not an array\)/,
    ],
  ])(
    'shows %s clearly, with a retry that recovers',
    async (_kind, failure, message) => {
      failOnce(failure);
      await renderTab(client);
      expect((await screen.findAllByText(message)).length).toBeGreaterThan(0);
      fireEvent.click(screen.getByText('Retry'));
      await waitFor(() =>
        expect(screen.getByText('Checkout db only')).toBeInTheDocument(),
      );
    },
  );
});
