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

function renderEditor(api: Partial<DrsApi>, plan?: RecoveryPlan) {
  return renderEntityView(
    <PlanEditorDialog
      entityRef="component:default/checkout"
      plan={plan}
      sourceServers={sourceServers}
      onClose={() => {}}
      onSaved={() => {}}
    />,
    { api },
  );
}

function type(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } });
}

async function choose(select: HTMLElement, option: string) {
  fireEvent.mouseDown(select);
  fireEvent.click(within(screen.getByRole('listbox')).getByText(option));
  await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
}

describe('PlanEditorDialog drill schedule', () => {
  it('saves a cron schedule in a time zone, and refuses a zone that does not exist at its field', async () => {
    const createPlan = jest.fn(async () => planFixture);
    await renderEditor({ createPlan });
    type(screen.getByLabelText(/Plan name/), 'Checkout DR');
    fireEvent.click(
      within(screen.getByLabelText('Wave 1')).getByLabelText('checkout-db-1'),
    );
    expect(screen.queryByLabelText(/Cron expression/)).toBeNull();
    await choose(
      screen.getByLabelText('Scheduled drills'),
      'On a cron schedule',
    );
    type(screen.getByLabelText(/Cron expression/), '0 4 * * 6');
    type(screen.getByLabelText(/Time zone/), 'Europe/Atlantis');

    fireEvent.click(screen.getByText('Create plan'));
    expect(
      await screen.findByText(/"Europe\/Atlantis" is not an IANA time zone/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Time zone/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(createPlan).not.toHaveBeenCalled();

    type(screen.getByLabelText(/Time zone/), 'Europe/Berlin');
    fireEvent.click(screen.getByLabelText('Enabled'));
    fireEvent.click(screen.getByText('Create plan'));
    await waitFor(() => expect(createPlan).toHaveBeenCalled());
    expect(createPlan).toHaveBeenCalledWith(
      'component:default/checkout',
      expect.objectContaining({
        drillSchedule: {
          cron: '0 4 * * 6',
          timeZone: 'Europe/Berlin',
          enabled: false,
        },
      }),
    );
  });

  it("opens a plan's interval schedule as saved, shows the backend's issue at it, and removes it", async () => {
    const updatePlan = jest
      .fn()
      .mockImplementationOnce(async () => {
        throw await responseError(400, 'The plan has 1 problem', {
          issues: [
            {
              path: 'drillSchedule.every',
              message: 'Scheduled drills must be at least an hour apart',
              severity: 'error',
            },
          ],
        });
      })
      .mockImplementation(async () => planFixture);
    await renderEditor(
      { updatePlan },
      {
        ...planFixture,
        drillSchedule: { every: 'P30D', timeZone: 'UTC', enabled: true },
      },
    );
    expect(screen.getByLabelText(/Every \(ISO 8601\)/)).toHaveValue('P30D');
    expect(screen.getByLabelText(/Time zone/)).toHaveValue('UTC');

    fireEvent.click(screen.getByText('Save changes'));
    expect(
      await screen.findByText(
        'Scheduled drills must be at least an hour apart',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Every \(ISO 8601\)/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );

    await choose(
      screen.getByLabelText('Scheduled drills'),
      'Never: only when someone starts one',
    );
    fireEvent.click(screen.getByText('Save changes'));
    await waitFor(() => expect(updatePlan).toHaveBeenCalledTimes(2));
    expect(updatePlan.mock.calls[1][2]).not.toHaveProperty('drillSchedule');
  });
});
