import { Execution } from '@drs-orchestration/plugin-drs-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DrsApi } from '../../api';
import {
  executionFixture,
  planFixture,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderEntityView } from '../../__testUtils__/render';
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
      validateSavedPlan: async () => [
        {
          path: 'waves[1].sourceServerIds',
          message: 'Server checkout-app-1 lags 90 minutes behind',
          severity: 'warning',
        },
      ],
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
    await renderDialog({ validateSavedPlan: async () => [], startExecution });
    await waitFor(() => expect(startButton('Start drill')).toBeEnabled());
    fireEvent.click(startButton('Start drill'));
    fireEvent.click(startButton('Start drill'));
    expect(startExecution).toHaveBeenCalledTimes(1);
  });

  it('asks for the plan name before a real recovery', async () => {
    const startExecution = jest.fn(async () =>
      executionFixture({ mode: 'RECOVERY' }),
    );
    await renderDialog({ validateSavedPlan: async () => [], startExecution });
    fireEvent.click(screen.getByLabelText(/Recovery:/));
    const start = startButton('Start recovery');
    await screen.findByText('Every server can be launched.');
    expect(start).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Plan name'), {
      target: { value: 'Checkout' },
    });
    expect(start).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Plan name'), {
      target: { value: 'Checkout full stack' },
    });
    expect(start).toBeEnabled();
    fireEvent.click(start);
    await waitFor(() =>
      expect(startExecution).toHaveBeenCalledWith(
        'component:default/checkout',
        planFixture.planId,
        expect.objectContaining({ mode: 'RECOVERY' }),
      ),
    );
  });

  it('offers a recovery only to those allowed to start one', async () => {
    await renderDialog(
      { validateSavedPlan: async () => [] },
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
      .mockResolvedValueOnce([
        {
          path: 'waves[1].sourceServerIds',
          message:
            'Server checkout-app-1 is STALLED; DRS can only launch servers with CONTINUOUS replication',
          severity: 'error',
        },
      ]);
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
