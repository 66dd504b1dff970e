import { Execution } from '@drs-orchestration/plugin-drs-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DrsApi } from '../../api';
import {
  executionFixture,
  planFixture,
  preflightFixture,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderEntityView } from '../../__testUtils__/render';
import { viewTimesIn } from '../../__testUtils__/timeZone';
import { StartExecutionDialog } from './StartExecutionDialog';

const allowed = { canStartDrill: true, canStartRecovery: true };

async function renderDialog(
  api: Partial<DrsApi>,
  permissions: typeof allowed = allowed,
) {
  const onStarted = jest.fn();
  await renderEntityView(
    <StartExecutionDialog
      entityRef="component:default/checkout"
      plan={planFixture}
      permissions={permissions}
      onClose={() => {}}
      onStarted={onStarted}
    />,
    { api },
  );
  return onStarted;
}

const startButton = (name: string) => screen.getByRole('button', { name });

/** Clicks Start once it is enabled, and expects a start request holding `fields`. */
async function startAndExpect(
  startExecution: jest.Mock,
  fields: object,
  button = 'Start drill',
) {
  await waitFor(() => expect(startButton(button)).toBeEnabled());
  fireEvent.click(startButton(button));
  await waitFor(() =>
    expect(startExecution).toHaveBeenCalledWith(
      'component:default/checkout',
      planFixture.planId,
      expect.objectContaining(fields),
    ),
  );
}

describe('StartExecutionDialog', () => {
  it('starts a drill by default once the pre-flight check passed, with one key per dialog', async () => {
    const startExecution = jest
      .fn()
      .mockRejectedValueOnce(
        await responseError(
          409,
          'Servers s-0000000000000000a are busy in execution 1234',
        ),
      )
      .mockResolvedValueOnce(executionFixture());
    const onStarted = await renderDialog({
      validateSavedPlan: async () =>
        preflightFixture({
          issues: [
            {
              path: 'waves[1].sourceServerIds',
              message: 'Server checkout-app-1 lags 90 minutes behind',
              severity: 'warning',
            },
          ],
        }),
      startExecution,
    });
    expect(
      await screen.findByText('Server checkout-app-1 lags 90 minutes behind'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Drill:/)).toBeChecked();

    fireEvent.click(startButton('Start drill'));
    expect(
      await screen.findByText(
        'Servers s-0000000000000000a are busy in execution 1234',
      ),
    ).toBeInTheDocument();
    // the refused start reruns pre-flight, which Start waits for
    await waitFor(() => expect(startButton('Start drill')).toBeEnabled());
    fireEvent.click(startButton('Start drill'));
    await waitFor(() => expect(onStarted).toHaveBeenCalled());

    const [first, second] = startExecution.mock.calls;
    expect(first[2].mode).toBe('DRILL');
    // a retry is the same launch intent: the backend starts it at most once
    expect(first[2].idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(second[2].idempotencyKey).toBe(first[2].idempotencyKey);
  });

  it('ignores a second click while the first start is on its way', async () => {
    const startExecution = jest.fn(() => new Promise<Execution>(() => {}));
    await renderDialog({
      validateSavedPlan: async () => preflightFixture(),
      startExecution,
    });
    await waitFor(() => expect(startButton('Start drill')).toBeEnabled());
    fireEvent.click(startButton('Start drill'));
    fireEvent.click(startButton('Start drill'));
    expect(startExecution).toHaveBeenCalledTimes(1);
  });

  it('asks for the plan name and the accepted data loss before a real recovery', async () => {
    const startExecution = jest.fn(async () =>
      executionFixture({ mode: 'RECOVERY' }),
    );
    await renderDialog({
      validateSavedPlan: async () => preflightFixture(),
      startExecution,
    });
    fireEvent.click(screen.getByLabelText(/Recovery:/));
    const start = startButton('Start recovery');
    await screen.findByText('Every server can be launched.');
    expect(
      screen.getByText(/You will lose up to 42 minutes of data/),
    ).toBeInTheDocument();
    expect(start).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Plan name'), {
      target: { value: 'Checkout' },
    });
    expect(start).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Plan name'), {
      target: { value: 'Checkout full stack' },
    });
    expect(start).toBeDisabled();
    fireEvent.click(
      screen.getByLabelText('I accept losing up to 42 minutes of data'),
    );
    expect(start).toBeEnabled();
    await startAndExpect(
      startExecution,
      { mode: 'RECOVERY', acceptDataLossSeconds: 2520 },
      'Start recovery',
    );
  });

  it('offers a recovery only to those allowed to start one', async () => {
    await renderDialog(
      { validateSavedPlan: async () => preflightFixture() },
      { canStartDrill: true, canStartRecovery: false },
    );
    await screen.findByText('Every server can be launched.');
    expect(screen.getByLabelText(/Drill:/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/Recovery:/)).toBeNull();
  });

  it('launches nothing while the pre-flight check finds errors or could not run', async () => {
    const validateSavedPlan = jest
      .fn()
      .mockRejectedValueOnce(new Error('Could not reach the DRS backend'))
      .mockResolvedValueOnce(
        preflightFixture({
          issues: [
            {
              path: 'waves[1].sourceServerIds',
              message:
                'Server checkout-app-1 is STALLED; DRS can only launch servers with CONTINUOUS replication',
              severity: 'error',
            },
          ],
        }),
      );
    await renderDialog({ validateSavedPlan });
    expect(
      await screen.findByText('Could not reach the DRS backend'),
    ).toBeInTheDocument();
    expect(startButton('Start drill')).toBeDisabled();
    fireEvent.click(screen.getByText('Retry'));
    expect(await screen.findByText(/is STALLED/)).toBeInTheDocument();
    expect(startButton('Start drill')).toBeDisabled();
  });
});

describe('StartExecutionDialog, the data a start would use', () => {
  viewTimesIn('Asia/Tokyo');

  async function acceptRecovery(window: string) {
    fireEvent.change(screen.getByLabelText('Plan name'), {
      target: { value: planFixture.name },
    });
    fireEvent.click(
      await screen.findByLabelText(`I accept losing up to ${window} of data`),
    );
  }

  it("shows each server's point in time and data loss, in the viewer's zone", async () => {
    await renderDialog({ validateSavedPlan: async () => preflightFixture() });
    const row = (await screen.findByText('checkout-db-1')).closest('tr')!;
    expect(within(row).getByText('db')).toBeInTheDocument();
    expect(within(row).getByText('STALLED')).toBeInTheDocument();
    // 11:18 UTC in Tokyo, 42 minutes before pre-flight
    expect(within(row).getByText(/20:18:00/)).toBeInTheDocument();
    expect(within(row).getByText('pit-00a')).toBeInTheDocument();
    expect(within(row).getAllByText('42m')).toHaveLength(2);
    expect(
      within(row).getByText(/launches from its last point in time/),
    ).toBeInTheDocument();
  });

  it('shows the grown window when the backend refuses the accepted one, to accept again', async () => {
    const validateSavedPlan = jest
      .fn()
      .mockResolvedValueOnce(preflightFixture())
      .mockResolvedValueOnce(preflightFixture({ worstDataLossSeconds: 2950 }));
    const startExecution = jest
      .fn()
      .mockRejectedValueOnce(
        await responseError(
          409,
          'The data-loss window is now 49m 10s, more than the 42m accepted; check again and accept it',
        ),
      )
      .mockResolvedValueOnce(executionFixture({ mode: 'RECOVERY' }));
    await renderDialog(
      { validateSavedPlan, startExecution },
      { canStartDrill: false, canStartRecovery: true },
    );
    await acceptRecovery('42 minutes');
    fireEvent.click(startButton('Start recovery'));

    expect(
      await screen.findByText(/now 49m 10s, more than the 42m accepted/),
    ).toBeInTheDocument();
    // rounded up to the minute: the window keeps growing while the person reads
    expect(
      await screen.findByText(/You will lose up to 50 minutes of data/),
    ).toBeInTheDocument();
    expect(validateSavedPlan).toHaveBeenCalledTimes(2);
    expect(startButton('Start recovery')).toBeDisabled();
    fireEvent.click(
      screen.getByLabelText('I accept losing up to 50 minutes of data'),
    );
    fireEvent.click(startButton('Start recovery'));
    await waitFor(() => expect(startExecution).toHaveBeenCalledTimes(2));
    expect(startExecution.mock.calls[1][2]).toEqual(
      expect.objectContaining({
        mode: 'RECOVERY',
        acceptDataLossSeconds: 3000,
      }),
    );
    // the same launch intent: the refused start launched nothing
    expect(startExecution.mock.calls[1][2].idempotencyKey).toBe(
      startExecution.mock.calls[0][2].idempotencyKey,
    );
  });

  it("sends the cut-off picked in the viewer's zone as a UTC instant, to pre-flight and start", async () => {
    const validateSavedPlan = jest.fn(async () => preflightFixture());
    const startExecution = jest.fn(async () => executionFixture());
    await renderDialog({ validateSavedPlan, startExecution });
    await screen.findByText('checkout-db-1');
    fireEvent.mouseDown(screen.getByLabelText('Point in time'));
    fireEvent.click(
      within(screen.getByRole('listbox')).getByText(
        /Latest at or before a cut-off/,
      ),
    );
    const cutoff = screen.getByLabelText(/Cut-off \(Asia\/Tokyo, UTC\+09:00\)/);
    fireEvent.change(cutoff, { target: { value: '2026-11-25T09:30' } });

    const before = { type: 'before', at: '2026-11-25T00:30:00.000Z' };
    await waitFor(() =>
      expect(validateSavedPlan).toHaveBeenLastCalledWith(
        'component:default/checkout',
        planFixture.planId,
        { mode: 'DRILL', pointInTime: before },
      ),
    );
    expect(cutoff).toHaveValue('2026-11-25T09:30');
    await startAndExpect(startExecution, {
      mode: 'DRILL',
      pointInTime: before,
    });
  });

  it('drills servers with degraded replication only when the option is ticked', async () => {
    const stalled = preflightFixture().servers[0];
    const validateSavedPlan = jest.fn(async (_ref, _plan, request) =>
      request?.allowDegradedReplication
        ? preflightFixture()
        : preflightFixture({
            issues: [
              {
                path: 'waves[0].sourceServerIds',
                message: 'Server checkout-db-1 is STALLED',
                severity: 'error',
              },
            ],
            servers: [
              {
                ...stalled,
                launchable: false,
                warning: undefined,
                blockingReason:
                  'Replication is STALLED; allow degraded replication to drill it',
              },
            ],
          }),
    );
    const startExecution = jest.fn(async () => executionFixture());
    await renderDialog({ validateSavedPlan, startExecution });
    expect(
      await screen.findByText(/allow degraded replication to drill it/),
    ).toBeInTheDocument();
    expect(startButton('Start drill')).toBeDisabled();

    fireEvent.click(screen.getByLabelText(/Allow degraded replication/));
    expect(
      await screen.findByText(/launches from its last point in time/),
    ).toBeInTheDocument();
    await startAndExpect(startExecution, {
      mode: 'DRILL',
      allowDegradedReplication: true,
    });
  });
});
