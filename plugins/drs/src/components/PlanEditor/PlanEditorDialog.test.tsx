import { RecoveryPlan } from '@drs-orchestration/plugin-drs-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DrsApi, SourceServerList } from '../../api';
import { LiveData } from '../../hooks/useLiveData';
import {
  planFixture,
  responseError,
  sourceServersFixture,
} from '../../__testUtils__/fixtures';
import { renderEntityView } from '../../__testUtils__/render';
import { PlanEditorDialog } from './PlanEditorDialog';

const sourceServers: LiveData<SourceServerList> = {
  value: { region: 'us-east-1', items: sourceServersFixture },
  loading: false,
  refresh: () => {},
};

async function renderEditor(api: Partial<DrsApi>, plan?: RecoveryPlan) {
  const onSaved = jest.fn();
  const rendered = await renderEntityView(
    <PlanEditorDialog
      entityRef="component:default/checkout"
      plan={plan}
      sourceServers={sourceServers}
      onClose={() => {}}
      onSaved={onSaved}
    />,
    { api },
  );
  return { ...rendered, onSaved };
}

const waveSection = (n: number) => screen.getByLabelText(`Wave ${n}`);

function type(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } });
}

describe('PlanEditorDialog', () => {
  it('builds waves: picks servers, greys out those of other waves, reorders and removes', async () => {
    const createPlan = jest.fn(async () => planFixture);
    const { onSaved } = await renderEditor({ createPlan });

    type(screen.getByLabelText(/Plan name/), 'Checkout DR');
    const first = waveSection(1);
    // replication state and lag of each server, to pick with care
    expect(within(first).getAllByText('STALLED')).toHaveLength(1);
    expect(within(first).getByText('lag 1h 30m')).toBeInTheDocument();
    type(within(first).getByLabelText(/Wave name/), 'db');
    fireEvent.click(within(first).getByLabelText('checkout-db-1'));

    fireEvent.click(screen.getByText('Add wave'));
    const second = waveSection(2);
    const dbInSecond = within(second)
      .getByText(/in wave db/)
      .closest('[role="button"]');
    expect(dbInSecond).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(within(second).getByLabelText('checkout-app-1'));
    fireEvent.click(within(second).getByLabelText('checkout-app-2'));
    expect(within(second).getByText('Starts after: db')).toBeInTheDocument();

    fireEvent.click(screen.getByText('Add wave'));
    fireEvent.click(screen.getByLabelText('Remove wave Wave 3'));
    expect(screen.queryByLabelText('Wave 3')).toBeNull();
    fireEvent.click(screen.getByLabelText('Move wave Wave 2 up'));

    fireEvent.click(screen.getByText('Create plan'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(planFixture));
    expect(createPlan).toHaveBeenCalledWith('component:default/checkout', {
      name: 'Checkout DR',
      description: '',
      defaultMode: 'DRILL',
      timeoutMinutes: 360,
      waves: [
        expect.objectContaining({
          name: 'Wave 2',
          sourceServerIds: ['s-0000000000000000b', 's-0000000000000000c'],
        }),
        expect.objectContaining({
          name: 'db',
          sourceServerIds: ['s-0000000000000000a'],
        }),
      ],
    });
  });

  it('shows the shared rules at the fields they concern, before sending anything', async () => {
    const createPlan = jest.fn();
    await renderEditor({ createPlan });
    fireEvent.click(screen.getByText('Create plan'));
    expect(await screen.findByText('Give the plan a name')).toBeInTheDocument();
    expect(
      within(waveSection(1)).getByText(
        'A wave needs at least one source server',
      ),
    ).toBeInTheDocument();
    expect(createPlan).not.toHaveBeenCalled();
  });

  it("shows the backend's validation issues at the wave they name, and saves with the version read", async () => {
    const updatePlan = jest.fn(async () => {
      throw await responseError(400, 'The plan has 1 problem', {
        issues: [
          {
            path: 'waves[1].sourceServerIds',
            message:
              "Server s-0000000000000000b is not one of this entity's DRS source servers",
            severity: 'error',
          },
        ],
      });
    });
    await renderEditor({ updatePlan }, planFixture);
    fireEvent.click(screen.getByText('Save changes'));
    expect(
      await screen.findByText('The plan has 1 problem'),
    ).toBeInTheDocument();
    // the wave with the problem opens and shows it; the other stays closed
    expect(
      within(waveSection(2)).getByText(
        /is not one of this entity's DRS source servers/,
      ),
    ).toBeInTheDocument();
    expect(within(waveSection(1)).queryByLabelText(/Wave name/)).toBeNull();
    expect(updatePlan).toHaveBeenCalledWith(
      'component:default/checkout',
      planFixture.planId,
      expect.objectContaining({ name: planFixture.name }),
      3,
    );
  });

  it('checks the draft against DRS and shows warnings at their wave', async () => {
    const validatePlan = jest
      .fn()
      .mockResolvedValueOnce([
        {
          path: 'waves[0].sourceServerIds',
          message: 'Server checkout-db-1 lags 90 minutes behind',
          severity: 'warning',
        },
      ])
      .mockResolvedValueOnce([]);
    await renderEditor({ validatePlan }, planFixture);
    fireEvent.click(screen.getByText('Check against DRS'));
    expect(
      await within(waveSection(1)).findByText(/lags 90 minutes behind/),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByText('Check against DRS'));
    expect(
      await screen.findByText('DRS could launch this plan as it stands.'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/lags 90 minutes behind/)).toBeNull();
  });
});
