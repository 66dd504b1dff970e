import { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  createPlan,
  entityTab,
  fact,
  getExecution,
  guestToken,
  sreToken,
  startExecution,
  waitForEnd,
} from './fixtures';

// the way back, told in steps: recovery → reverse replication → failback → re-protect
test.describe.configure({ mode: 'serial' });

const ENTITY = 'checkout-service';
const ENTITY_PAGE = `/catalog/default/component/${ENTITY}`;
// servers the other specs leave alone; checkout's are EC2 instances of us-west-2 (inventory)
const WAVES = [
  { name: 'db', hosts: ['checkout-db-3'] },
  { name: 'app', hosts: ['checkout-app-3'] },
];
const HOSTS = WAVES.flatMap(wave => wave.hosts);

let plan: { planId: string; name: string };
let recoveryId: string;
let failbackId: string;

const executionPage = (executionId: string) =>
  `${ENTITY_PAGE}/dr-executions/${executionId}`;

/** The entity's DR health card on its overview page, as it reads now. */
async function healthCard(page: Page) {
  await page.goto(ENTITY_PAGE);
  return page.getByTestId('way-back-health');
}

/**
 * Waits until the reverse replication table titled `title` shows every host of the plan
 * CONTINUOUS, live (no reload), with its reversed source server in `region`.
 */
async function expectContinuous(page: Page, title: string, region: string) {
  await expect(page.getByText(title, { exact: true })).toBeVisible();
  const table = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Lag' }) });
  for (const host of HOSTS) {
    const row = table.getByRole('row').filter({ hasText: host });
    await expect(row).toContainText('CONTINUOUS', { timeout: 60_000 });
    await expect(row).toContainText(`(${region})`);
  }
}

test.beforeAll(async ({ request }) => {
  plan = await createPlan(
    request,
    await guestToken(request),
    ENTITY,
    `e2e-failback-${Date.now()}`,
    WAVES,
  );
  // a member of the recovery group recovers; its start dialog is disaster.spec's business
  const sre = await sreToken(request);
  const response = await startExecution(
    request,
    sre,
    ENTITY,
    plan.planId,
    'RECOVERY',
    86_400,
  );
  expect(response.status(), await response.text()).toBe(202);
  recoveryId = (await response.json()).executionId;
  expect((await waitForEnd(request, sre, recoveryId)).status).toBe('COMPLETED');
});

test('the guest, who may not recover, is offered nothing on the way back', async ({
  signedIn: page,
}) => {
  await page.goto(executionPage(recoveryId));
  await expect(fact(page, 'Status')).toContainText('COMPLETED');
  await expect(
    page.getByRole('navigation', { name: 'Way back' }),
  ).toContainText('Reverse replication: not started');
  await expect(
    page.getByRole('button', { name: 'Reverse replication' }),
  ).toHaveCount(0);
});

test('the recovery group reverses replication, fails back in reverse wave order and re-protects', async ({
  sreSignedIn: page,
  request,
}) => {
  test.setTimeout(180_000);
  const health = await healthCard(page);
  await expect(health).toContainText(
    'Running in the recovery region (us-east-1) since',
  );

  // reverse replication, from the recovery's page, followed live to CONTINUOUS
  await page.goto(executionPage(recoveryId));
  await expect(fact(page, 'Mode')).toContainText('RECOVERY');
  await page.getByRole('button', { name: 'Reverse replication' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Reverse replication' })
    .click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expectContinuous(page, 'Reversed source servers', 'us-west-2');

  // the failback: typed plan name, waves listed in the order they run
  await page.getByRole('button', { name: 'Fail back' }).click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByRole('list', { name: 'Failback waves' }).getByRole('listitem'),
  ).toHaveText(['app', 'db']);
  const start = dialog.getByRole('button', { name: 'Start failback' });
  await expect(start).toBeDisabled();
  await dialog.getByLabel('Plan name').fill(plan.name);
  await start.click();
  // the new FAILBACK execution's page replaces the recovery's
  await expect(page).not.toHaveURL(new RegExp(recoveryId));
  await expect(page).toHaveURL(/\/dr-executions\/[^/]+$/);
  failbackId = page.url().split('/').pop()!;
  await expect(fact(page, 'Mode')).toContainText('FAILBACK');
  await expect(fact(page, 'Status')).toContainText('COMPLETED', {
    timeout: 90_000,
  });
  const headers = page.getByRole('button', { name: /^Wave / });
  await expect(headers).toHaveText([/^1\. Wave app/, /^2\. Wave db/]);
  const failback = await getExecution(
    request,
    await sreToken(request),
    failbackId,
  );
  expect(failback.lineage?.fromExecutionId).toBe(recoveryId);
  expect(failback.waves.map(wave => wave.name)).toEqual(['app', 'db']);
  const [app, db] = failback.waves;
  expect(new Date(db.startedAt!).getTime()).toBeGreaterThanOrEqual(
    new Date(app.endedAt!).getTime(),
  );
  expect(failback.region).toBe('us-west-2');

  // back home, not yet protected
  await expect(await healthCard(page)).toContainText(
    /^Failed back to us-west-2 at .*, not protected yet/,
  );

  // re-protect, and terminate the instances that served during the outage
  await page.goto(executionPage(failbackId));
  await page.getByRole('button', { name: 'Re-protect' }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Re-protect' })
    .click();
  await expectContinuous(page, 'Re-protected source servers', 'us-east-1');
  await page
    .getByRole('button', { name: 'Terminate recovery instances' })
    .click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Terminate recovery instances' })
    .click();
  await expect(
    page.getByText(/Recovery instances: terminate asked by/),
  ).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Way back' }),
  ).toContainText('Re-protect: CONTINUOUS');

  await expect(await healthCard(page)).toContainText(
    /^Protected: Failed back to us-west-2 at .*, replicating to us-east-1 again/,
  );
  await entityTab(page, 'DR Executions').click();
  const row = page.getByRole('row').filter({ hasText: 'FAILBACK' }).first();
  await expect(row).toContainText(`recovery ${recoveryId.slice(0, 8)}`);
});
