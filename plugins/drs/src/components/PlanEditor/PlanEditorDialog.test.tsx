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

async function choose(select: HTMLElement, option: string) {
  fireEvent.mouseDown(select);
  fireEvent.click(within(screen.getByRole('listbox')).getByText(option));
  await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
}

/** A new plan, Checkout DR, whose first wave launches checkout-db-1; returns that wave. */
async function renderNewPlan(createPlan: DrsApi['createPlan']) {
  await renderEditor({ createPlan });
  type(screen.getByLabelText(/Plan name/), 'Checkout DR');
  const wave1 = waveSection(1);
  fireEvent.click(within(wave1).getByLabelText('checkout-db-1'));
  return wave1;
}

/** Adds a step with the button, of the type chosen (automation unless told), and names it. */
async function addStep(
  wave: HTMLElement,
  button: string,
  group: string,
  name: string,
  typeLabel?: string,
) {
  fireEvent.click(within(wave).getByText(button));
  const step = within(wave).getByLabelText(group);
  if (typeLabel) {
    await choose(within(step).getByLabelText('Step type'), typeLabel);
  }
  type(within(step).getByLabelText(/Step name/), name);
  return step;
}

/** A number field, by its label; its unit has a label of its own. */
const numberField = (container: HTMLElement, label: RegExp) =>
  within(container).getByRole('spinbutton', { name: label });

/** planFixture with an approval before db, a runbook after app, and drill cleanup at once. */
const planWithSteps: RecoveryPlan = {
  ...planFixture,
  drillCleanup: { keepAliveSeconds: 0 },
  waves: [
    {
      ...planFixture.waves[0],
      before: [{ type: 'approval', name: 'go ahead', onFailure: 'fail' }],
    },
    {
      ...planFixture.waves[1],
      healthTimeoutSeconds: 1200,
      after: [
        {
          type: 'automation',
          name: 'smoke test',
          documentName: 'Checkout-SmokeTest',
          parameters: { Mode: ['quick'] },
          instanceIdsParameter: 'InstanceIds',
          onFailure: 'continue',
        },
      ],
    },
  ],
};

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
    // a server of another wave is shown greyed out, its checkbox disabled
    expect(within(second).getByText(/in wave db/)).toBeInTheDocument();
    expect(within(second).getByLabelText('checkout-db-1')).toBeDisabled();
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

  it('adds, reorders and removes the steps around a wave, each with the fields of its type', async () => {
    const createPlan = jest.fn(async () => planFixture);
    const wave1 = await renderNewPlan(createPlan);

    const drain = await addStep(
      wave1,
      'Add step before launch',
      'Before step 1',
      'drain',
    );
    type(within(drain).getByLabelText(/SSM document name/), 'Checkout-Drain');
    type(within(drain).getByLabelText('Document version'), '$LATEST');
    fireEvent.click(within(drain).getByText('Add parameter'));
    type(within(drain).getByLabelText('Parameter name'), 'Regions');
    type(
      within(drain).getByLabelText('Values, one per line'),
      'us-east-1\n us-west-2 \n',
    );
    // before the launch there are no instances whose IDs a runbook could take
    expect(within(drain).queryByLabelText(/instance IDs/)).toBeNull();

    const approval = await addStep(
      wave1,
      'Add step before launch',
      'Before step 2',
      'go ahead',
      'Wait for someone to approve',
    );
    await choose(
      within(approval).getByLabelText('If it fails or times out'),
      'Carry on with the wave',
    );
    fireEvent.click(within(wave1).getByLabelText('Move step go ahead up'));
    expect(
      within(within(wave1).getByLabelText('Before step 1')).getByLabelText(
        /Step name/,
      ),
    ).toHaveValue('go ahead');

    const settle = await addStep(
      wave1,
      'Add step after launch',
      'After step 1',
      'settle',
      'Wait a fixed time',
    );
    type(numberField(settle, /^Wait for/), '2');

    const smoke = await addStep(
      wave1,
      'Add step after launch',
      'After step 2',
      'smoke test',
    );
    type(
      within(smoke).getByLabelText(/SSM document name/),
      'Checkout-SmokeTest',
    );
    type(within(smoke).getByLabelText(/instance IDs/), 'InstanceIds');
    type(numberField(smoke, /^Timeout/), '15');

    fireEvent.click(within(wave1).getByText('Add step after launch'));
    fireEvent.click(within(wave1).getByLabelText('Remove step Step 1'));
    expect(within(wave1).queryByLabelText('After step 3')).toBeNull();

    fireEvent.click(screen.getByText('Create plan'));
    await waitFor(() => expect(createPlan).toHaveBeenCalled());
    expect(createPlan).toHaveBeenCalledWith(
      'component:default/checkout',
      expect.objectContaining({
        waves: [
          expect.objectContaining({
            before: [
              { type: 'approval', name: 'go ahead', onFailure: 'continue' },
              {
                type: 'automation',
                name: 'drain',
                onFailure: 'fail',
                documentName: 'Checkout-Drain',
                documentVersion: '$LATEST',
                parameters: { Regions: ['us-east-1', 'us-west-2'] },
              },
            ],
            after: [
              { type: 'wait', name: 'settle', onFailure: 'fail', seconds: 120 },
              {
                type: 'automation',
                name: 'smoke test',
                onFailure: 'fail',
                timeoutSeconds: 900,
                documentName: 'Checkout-SmokeTest',
                instanceIdsParameter: 'InstanceIds',
              },
            ],
          }),
        ],
      }),
    );
  });

  it("saves a HEALTHY wave's health timeout and the plan's drill cleanup", async () => {
    const createPlan = jest.fn(async () => planFixture);
    const wave1 = await renderNewPlan(createPlan);
    // a wave that waits for LAUNCHED has no health checks to time out
    expect(within(wave1).queryByLabelText(/Health timeout/)).toBeNull();
    await choose(
      within(wave1).getByLabelText('Next wave waits until this one is'),
      'Healthy (both EC2 status checks ok)',
    );
    type(numberField(wave1, /^Health timeout/), '45');
    expect(
      within(wave1).getByText('Add step after health checks'),
    ).toBeVisible();

    await choose(
      screen.getByLabelText("Terminate a drill's recovery instances"),
      'Some time after the drill ends',
    );
    // two hours unless changed
    expect(
      screen.getByRole('spinbutton', { name: /Keep them for/ }),
    ).toHaveValue(2);

    fireEvent.click(screen.getByText('Create plan'));
    await waitFor(() => expect(createPlan).toHaveBeenCalled());
    expect(createPlan).toHaveBeenCalledWith(
      'component:default/checkout',
      expect.objectContaining({
        drillCleanup: { keepAliveSeconds: 7200 },
        waves: [
          expect.objectContaining({
            waitFor: 'HEALTHY',
            healthTimeoutSeconds: 2700,
          }),
        ],
      }),
    );
  });

  it("opens a plan's steps and cleanup as saved, and shows the backend's issues at the step fields they name", async () => {
    const updatePlan = jest.fn(async () => {
      throw await responseError(400, 'The plan has 2 problems', {
        issues: [
          {
            path: 'waves[1].after[0].documentName',
            message: 'SSM has no document Checkout-SmokeTest in us-east-1',
            severity: 'error',
          },
          {
            path: 'waves[1].after[0].parameters.Mode[0]',
            message: 'Mode is quick or full',
            severity: 'error',
          },
        ],
      });
    });
    await renderEditor({ updatePlan }, planWithSteps);
    expect(
      screen.getByLabelText("Terminate a drill's recovery instances"),
    ).toHaveTextContent('As soon as the drill ends');
    expect(within(waveSection(1)).getByText(/1 step$/)).toBeInTheDocument();

    fireEvent.click(screen.getByText('Save changes'));
    expect(
      await screen.findByText('The plan has 2 problems'),
    ).toBeInTheDocument();
    const smoke = within(waveSection(2)).getByLabelText('After step 1');
    expect(
      within(smoke).getByLabelText(/SSM document name/),
    ).toHaveAccessibleDescription(/no document Checkout-SmokeTest/);
    expect(
      within(smoke).getByLabelText('Values, one per line'),
    ).toHaveAccessibleDescription('Mode is quick or full');
    expect(numberField(waveSection(2), /^Health timeout/)).toHaveValue(20);

    // what was read is sent back as it was
    const {
      planId,
      entityRef,
      createdAt,
      createdBy,
      updatedAt,
      updatedBy,
      version,
      ...input
    } = planWithSteps;
    expect(updatePlan).toHaveBeenCalledWith(
      'component:default/checkout',
      planId,
      input,
      version,
    );
  });
});
