import { APIRequestContext, Locator, Page } from '@playwright/test';
import type {
  Execution,
  ExecutionAutomationStep,
} from '@drs-orchestration/plugin-drs-common';
import {
  entityTab,
  expect,
  getExecution,
  guestToken,
  SIMULATOR,
  test,
} from './fixtures';

/*
 * A 2-wave drill of payments whose first wave promotes its database once its server passes
 * both EC2 status checks: the plan is made in the wave editor, the step is watched live on the
 * execution page, and the plan's drill cleanup terminates the drill's instances at its end.
 */

const ENTITY = 'payments-service';
const RUNBOOK = 'Payments-PromoteDatabase'; // examples/drs-inventory.yaml
const STEP = 'promote-database';
const ENVIRONMENT = 'drill-e2e';

/** A select's accessible name: its label, then the value it shows. */
const startsWith = (label: string) =>
  new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Chooses `option` in the select labelled `label` (a Material UI select) within `scope`. */
async function choose(
  page: Page,
  scope: Locator,
  label: string,
  option: string,
) {
  await scope.getByRole('button', { name: startsWith(label) }).click();
  await page.getByRole('listbox').getByRole('option', { name: option }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
  await expect(
    scope.getByRole('button', { name: startsWith(label) }),
  ).toContainText(option);
}

/** A metadata row of the execution's facts, by its label in any case. */
function factRow(page: Page, label: string) {
  return page
    .getByRole('row')
    .filter({
      has: page.getByRole('cell', { name: new RegExp(`^${label}$`, 'i') }),
    })
    .first();
}

/** The cell of `row` under the column titled `title` of `table`. */
async function cellUnder(table: Locator, row: Locator, title: string) {
  const titles = await table.getByRole('columnheader').allTextContents();
  expect(titles).toContain(title);
  return row.getByRole('cell').nth(titles.indexOf(title));
}

interface SimulatorAccount {
  region: string;
  recoveryInstances: { recoveryInstanceID: string; ec2InstanceState: string }[];
  automations: {
    automationExecutionId: string;
    documentName: string;
    status: string;
    clientToken?: string;
    parameters: Record<string, string[]>;
  }[];
}

/** The simulator's world in us-east-1, where payments is replicated. */
async function simulatorAccount(
  request: APIRequestContext,
): Promise<SimulatorAccount> {
  const response = await request.get(`${SIMULATOR}/_sim/state`);
  expect(response.ok()).toBeTruthy();
  const state = (await response.json()) as { accounts: SimulatorAccount[] };
  return state.accounts.find(account => account.region === 'us-east-1')!;
}

function automationStep(execution: Execution): ExecutionAutomationStep {
  const step = execution.waves[0].steps?.find(s => s.name === STEP);
  expect(step?.type).toBe('automation');
  return step as ExecutionAutomationStep;
}

test('a drill runs a wave’s promote-database runbook live after its health gate, then cleans up its instances', async ({
  signedIn: page,
  request,
}) => {
  const planName = `e2e-steps-${Date.now()}`;
  await page.goto(`/catalog/default/component/${ENTITY}`);
  await entityTab(page, 'DR Plans').click();

  // The plan, in the wave editor: db (healthy, then promote its database), then api
  await page.getByRole('button', { name: 'New plan' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Plan name').fill(planName);
  await choose(
    page,
    dialog,
    "Terminate a drill's recovery instances",
    'As soon as the drill ends',
  );

  const db = dialog.getByRole('group', { name: 'Wave 1' });
  await db.getByLabel('Wave name').fill('db');
  await db.getByRole('checkbox', { name: 'payments-db-1' }).click();
  await expect(
    db.getByRole('checkbox', { name: 'payments-db-1' }),
  ).toBeChecked();
  await choose(
    page,
    db,
    'Next wave waits until this one is',
    'Healthy (both EC2 status checks ok)',
  );
  await db
    .getByRole('button', { name: 'Add step after health checks' })
    .click();
  const step = db.getByRole('group', { name: 'After step 1' });
  await expect(
    step.getByRole('button', { name: startsWith('Step type') }),
  ).toContainText('Run an SSM Automation runbook');
  await step.getByLabel('Step name').fill(STEP);
  await step.getByLabel('SSM document name').fill(RUNBOOK);
  await step
    .getByLabel("Pass the wave's EC2 instance IDs as parameter")
    .fill('InstanceIds');
  await step.getByRole('button', { name: 'Add parameter' }).click();
  await step.getByLabel('Parameter name').fill('Environment');
  await step.getByLabel('Values, one per line').fill(ENVIRONMENT);
  await expect(step).toContainText(`1. ${STEP}`);

  await dialog.getByRole('button', { name: 'Add wave' }).click();
  const api = dialog.getByRole('group', { name: 'Wave 2' });
  await api.getByLabel('Wave name').fill('api');
  for (const host of ['payments-api-1', 'payments-api-2']) {
    await api.getByRole('checkbox', { name: host }).click();
    await expect(api.getByRole('checkbox', { name: host })).toBeChecked();
  }
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: planName });
  await expect(row.getByRole('cell').nth(2)).toHaveText('2'); // waves
  await expect(row.getByRole('cell').nth(3)).toHaveText('3'); // servers

  // From here on, nothing may reload the page
  let loads = 0;
  page.on('load', () => loads++);

  await row.getByRole('button', { name: `Start ${planName}` }).click();
  const start = page.getByRole('dialog');
  await expect(start.getByText('Every server can be launched.')).toBeVisible();
  await expect(start.getByRole('radio', { name: /^Drill/ })).toBeChecked();
  await start.getByRole('button', { name: 'Start drill' }).click();
  await expect(page).toHaveURL(/\/dr-executions\/[^/]+$/);
  const executionId = page.url().split('/').pop()!;
  await expect(factRow(page, 'drill cleanup')).toContainText(
    'instances will be terminated as soon as the drill ends',
  );

  // Open wave db for good: a click fixes which waves are open, so it stays open when it ends
  const dbHeader = page.getByRole('button', { name: /^Wave db / });
  await dbHeader.click();
  if ((await dbHeader.getAttribute('aria-expanded')) !== 'true')
    await dbHeader.click();
  await expect(dbHeader).toHaveAttribute('aria-expanded', 'true');
  const dbSection = page
    .locator('.MuiAccordion-root')
    .filter({ has: dbHeader });
  const stepsTable = dbSection
    .locator('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Details' }) })
    .first();
  const stepRow = dbSection.getByRole('row').filter({ hasText: STEP });
  const serversTable = dbSection
    .locator('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Status checks' }) })
    .first();
  const serverRow = serversTable
    .getByRole('row')
    .filter({ hasText: 'payments-db-1' });
  await expect(stepRow).toBeVisible();
  const checksCell = await cellUnder(serversTable, serverRow, 'Status checks');
  const stepStatusCell = await cellUnder(stepsTable, stepRow, 'Status');

  // Watch the step and the server's status checks change in the DOM
  const seen: string[] = [];
  const checksSeen: string[] = [];
  let runningDetails = '';
  const deadline = Date.now() + 90_000;
  for (;;) {
    const status = ((await stepStatusCell.textContent()) ?? '').trim();
    if (status && seen[seen.length - 1] !== status) seen.push(status);
    if (status === 'RUNNING')
      runningDetails = (await stepRow.textContent()) ?? '';
    const checks = (await checksCell.innerText()).replace(/\s+/g, ' ').trim();
    if (checksSeen[checksSeen.length - 1] !== checks) checksSeen.push(checks);
    if (status && !['PENDING', 'RUNNING'].includes(status)) break;
    expect(Date.now(), `step still running: ${seen.join(' → ')}`).toBeLessThan(
      deadline,
    );
    await page.waitForTimeout(100);
  }
  console.log(
    `step statuses seen: ${seen.join(
      ' → ',
    )}; status checks seen: ${checksSeen.join(' → ')}`,
  );
  expect(seen).toContain('RUNNING');
  expect(seen[seen.length - 1]).toBe('SUCCEEDED');
  expect(checksSeen[checksSeen.length - 1]).toMatch(/instance ok.*system ok/);
  expect(runningDetails).toContain(RUNBOOK);

  // The step's automation, its status and outputs, as the backend recorded them
  let execution = await getExecution(
    request,
    await guestToken(request),
    executionId,
  );
  const recorded = automationStep(execution);
  expect(recorded.status).toBe('SUCCEEDED');
  const instanceIds = execution.waves[0].servers.map(s => s.ec2InstanceId!);
  expect(instanceIds).toHaveLength(1);
  expect(instanceIds[0]).toBeTruthy();
  await expect(stepRow).toContainText(
    `automation ${recorded.automationExecutionId} (Success)`,
  );
  await expect(stepRow).toContainText(
    `PromoteReplica.Summary: promoted ${instanceIds[0]} to primary (${ENVIRONMENT})`,
  );
  await expect(stepRow).toContainText(
    `PromoteReplica.PrimaryInstanceIds: ${instanceIds[0]}`,
  );
  await expect(await cellUnder(stepsTable, stepRow, 'Status')).toHaveText(
    'SUCCEEDED',
  );

  // The server passed both status checks before the step ran, as its row shows
  await expect(checksCell).toContainText('instance ok');
  await expect(checksCell).toContainText('system ok');
  await expect(serverRow).toContainText('HEALTHY');
  expect(Date.parse(recorded.startedAt!)).toBeGreaterThanOrEqual(
    Date.parse(execution.waves[0].servers[0].healthyAt!),
  );

  // The drill completes, then its cleanup terminates its instances, without anyone asking
  await expect(factRow(page, 'status')).toContainText('COMPLETED', {
    timeout: 60_000,
  });
  await expect(page.getByRole('button', { name: /^Wave api / })).toContainText(
    'COMPLETED',
  );
  await expect(factRow(page, 'drill cleanup')).toContainText(
    /terminated by cleanup at .*\d{1,2}:\d{2}:\d{2}/,
    { timeout: 60_000 },
  );
  await expect(factRow(page, 'drill instances termination')).toContainText(
    /done \(asked .* by DRS engine\)/,
    { timeout: 60_000 },
  );

  // The witness: SSM ran the runbook once, with the wave's instance, and the instances are gone
  execution = await getExecution(
    request,
    await guestToken(request),
    executionId,
  );
  expect(execution.drillCleanup?.status).toBe('REQUESTED');
  expect(execution.requests.terminate?.status).toBe('COMPLETED');
  const world = await simulatorAccount(request);
  const runs = world.automations.filter(
    run =>
      run.clientToken?.toLowerCase() === recorded.clientToken?.toLowerCase(),
  );
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({
    automationExecutionId: recorded.automationExecutionId,
    documentName: RUNBOOK,
    status: 'Success',
    parameters: { InstanceIds: instanceIds, Environment: [ENVIRONMENT] },
  });
  const launched = execution.waves.flatMap(wave =>
    wave.servers.map(server => server.recoveryInstanceId!),
  );
  expect(launched).toHaveLength(3);
  const stillUp = world.recoveryInstances.filter(
    instance =>
      launched.includes(instance.recoveryInstanceID) &&
      instance.ec2InstanceState !== 'terminated',
  );
  expect(stillUp).toEqual([]);

  expect(loads, 'the page was reloaded').toBe(0);
});
