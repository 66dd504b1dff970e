import { Route, Routes } from 'react-router-dom';
import { RecoveryPlan } from '@drs-orchestration/plugin-drs-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DrsApi } from '../../api';
import {
  executionFixture,
  planFixture,
  preflightFixture,
  responseError,
  sourceServersFixture,
} from '../../__testUtils__/fixtures';
import {
  drsEntity,
  permissionsAnswered,
  permissionsDenying,
  renderEntityView,
} from '../../__testUtils__/render';
import { DrsPlansContent } from './DrsPlansContent';

function fakeApi(overrides: Partial<DrsApi> = {}): Partial<DrsApi> {
  return {
    listPlans: jest.fn(async () => [planFixture]),
    getSourceServers: jest.fn(async () => ({
      region: 'us-east-1',
      items: sourceServersFixture,
    })),
    ...overrides,
  };
}

async function renderPlans(
  api: Partial<DrsApi>,
  options: { denied?: string[]; annotated?: boolean } = {},
) {
  const permissions = permissionsDenying(...(options.denied ?? []));
  const rendered = await renderEntityView(
    <Routes>
      <Route path="/" element={<DrsPlansContent />} />
      <Route
        path="/catalog/:namespace/:kind/:name/dr-executions/:executionId"
        element={<div>Execution details page</div>}
      />
    </Routes>,
    {
      api,
      entity: drsEntity(options.annotated ?? true),
      permissions,
    },
  );
  return { ...rendered, permissions };
}

describe('DrsPlansContent', () => {
  it("shows the entity's plans and its source servers with replication state and lag", async () => {
    let answer: (plans: RecoveryPlan[]) => void = () => {};
    await renderPlans(
      fakeApi({
        listPlans: () => new Promise(resolve => (answer = resolve)),
      }),
    );
    expect(screen.getAllByTestId('progress').length).toBeGreaterThan(0);
    answer([planFixture]);
    expect(await screen.findByText('Checkout full stack')).toBeInTheDocument();
    expect(await screen.findByText('checkout-db-1')).toBeInTheDocument();
    expect(
      screen.getByText('DRS source servers (us-east-1)'),
    ).toBeInTheDocument();
    expect(screen.getByText('STALLED')).toBeInTheDocument();
    expect(screen.getByText('3m 20s')).toBeInTheDocument();
    expect(screen.getByText('1h 30m')).toBeInTheDocument();
    // 1 + 2 servers across the two waves
    expect(screen.getByText('3')).toBeInTheDocument();
  });

  it('says when there is no plan yet, with the button that creates one', async () => {
    await renderPlans(fakeApi({ listPlans: async () => [] }));
    expect(
      await screen.findByText('No recovery plans yet'),
    ).toBeInTheDocument();
    fireEvent.click(
      await screen.findByRole('button', { name: 'Create a plan' }),
    );
    expect(
      await screen.findByRole('dialog', { name: 'New recovery plan' }),
    ).toBeInTheDocument();
  });

  it('offers no create button to someone who may not manage plans', async () => {
    const { permissions } = await renderPlans(
      fakeApi({ listPlans: async () => [] }),
      { denied: ['drs.plan.manage'] },
    );
    expect(
      await screen.findByText('No recovery plans yet'),
    ).toBeInTheDocument();
    await permissionsAnswered(permissions, 4);
    expect(screen.queryByRole('button', { name: 'Create a plan' })).toBeNull();
    expect(screen.getByText(/Ask the service's owners/)).toBeInTheDocument();
  });

  it('explains the missing annotation instead of calling the backend', async () => {
    const listPlans = jest.fn();
    const { entity } = await renderPlans(fakeApi({ listPlans }), {
      annotated: false,
    });
    expect(
      await screen.findByText('This service names no DRS source servers'),
    ).toBeInTheDocument();
    // the snippet to copy names this entity and the annotation with a value to edit
    expect(document.body.textContent).toContain(
      `aws.amazon.com/drs-source-server-tags: Application=${entity.metadata.name}`,
    );
    expect(
      screen.getByRole('button', { name: 'Copy text' }),
    ).toBeInTheDocument();
    expect(listPlans).not.toHaveBeenCalled();
  });

  it("shows the backend's message and recovers on retry", async () => {
    const listPlans = jest
      .fn()
      .mockRejectedValueOnce(
        await responseError(400, 'Table drs-plans is missing'),
      )
      .mockResolvedValueOnce([planFixture]);
    await renderPlans(fakeApi({ listPlans }));
    expect(
      await screen.findByText(/Table drs-plans is missing/),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByText('Retry'));
    expect(await screen.findByText('Checkout full stack')).toBeInTheDocument();
    expect(listPlans).toHaveBeenCalledTimes(2);
  });

  it('offers only the actions the viewer is allowed', async () => {
    const { permissions } = await renderPlans(fakeApi(), {
      denied: ['drs.plan.manage', 'drs.drill.start', 'drs.recovery.start'],
    });
    expect(await screen.findByText('Checkout full stack')).toBeInTheDocument();
    await permissionsAnswered(permissions, 4);
    expect(screen.queryByText('New plan')).toBeNull();
    expect(screen.queryByLabelText(/Edit/)).toBeNull();
    expect(screen.queryByLabelText(/Delete/)).toBeNull();
    expect(screen.queryByLabelText(/Start/)).toBeNull();
  });

  it('offers start to someone who may drill but not manage plans', async () => {
    await renderPlans(fakeApi(), { denied: ['drs.plan.manage'] });
    expect(
      await screen.findByLabelText('Start Checkout full stack'),
    ).toBeInTheDocument();
    expect(screen.queryByText('New plan')).toBeNull();
    expect(screen.queryByLabelText('Edit Checkout full stack')).toBeNull();
  });

  it('deletes a plan only after confirmation, naming the version it read', async () => {
    const deletePlan = jest.fn(async () => {});
    const listPlans = jest
      .fn()
      .mockResolvedValueOnce([planFixture])
      .mockResolvedValueOnce([]);
    const { entityRef } = await renderPlans(fakeApi({ deletePlan, listPlans }));
    fireEvent.click(await screen.findByLabelText('Delete Checkout full stack'));
    const dialog = screen.getByRole('dialog');
    expect(
      within(dialog).getByText('Delete plan Checkout full stack?'),
    ).toBeInTheDocument();
    fireEvent.click(within(dialog).getByText('Back'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(deletePlan).not.toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText('Delete Checkout full stack'));
    fireEvent.click(
      within(screen.getByRole('dialog')).getByText('Delete plan'),
    );
    expect(
      await screen.findByText(/No recovery plans yet/),
    ).toBeInTheDocument();
    expect(deletePlan).toHaveBeenCalledWith(entityRef, planFixture.planId, 3);
  });

  it('keeps the dialog open with the reason when a delete is refused', async () => {
    const deletePlan = jest.fn(async () => {
      throw await responseError(
        409,
        'The plan changed since you read it (version 4 now)',
      );
    });
    await renderPlans(fakeApi({ deletePlan }));
    fireEvent.click(await screen.findByLabelText('Delete Checkout full stack'));
    fireEvent.click(
      within(screen.getByRole('dialog')).getByText('Delete plan'),
    );
    expect(
      await within(screen.getByRole('dialog')).findByText(
        'The plan changed since you read it (version 4 now)',
      ),
    ).toBeInTheDocument();
  });

  it('opens the execution details once a drill started', async () => {
    const startExecution = jest.fn(async () => executionFixture());
    await renderPlans(
      fakeApi({
        startExecution,
        validateSavedPlan: async () => preflightFixture(),
      }),
    );
    fireEvent.click(await screen.findByLabelText('Start Checkout full stack'));
    const dialog = await screen.findByRole('dialog');
    const start = within(dialog).getByRole('button', { name: 'Start drill' });
    await waitFor(() => expect(start).toBeEnabled());
    fireEvent.click(start);
    expect(
      await screen.findByText('Execution details page'),
    ).toBeInTheDocument();
  });
});
