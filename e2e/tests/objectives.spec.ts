import { APIRequestContext, Locator, Page } from '@playwright/test';
import type {
  Execution,
  ExecutionSummary,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import {
  BACKEND,
  entityPath,
  entityTab,
  expect,
  fact,
  getExecution,
  guestToken,
  SIMULATOR,
  test,
} from './fixtures';

/*
 * Recovery objectives on the ops page (examples/entities.yaml states them as annotations):
 * inventory's RPO breaks when its replication stops, and a plan of payments drills itself at
 * the time its schedule says, its outcome held against payments' RTO of 30 minutes.
 */

// The schedule's zone and the viewer's: UTC+05:30, so a time read in the wrong zone is off
const ZONE = 'Asia/Kolkata';
test.use({ timezoneId: ZONE });
test.describe.configure({ mode: 'serial' });

const SCHEDULER = 'plugin:drs/scheduler';
/** How the app names the scheduler: in words, or its principal as written. */
const SHOWN_SCHEDULER = /DRS drill scheduler|plugin:drs\/scheduler/;
const OBJECTIVES = 'Objectives (RTO / RPO)';

/** The ops page's table of services (the one with the objectives). */
function servicesTable(page: Page): Locator {
  return page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: OBJECTIVES }) });
}

/** A service's row on the ops page, by the service's link. */
function serviceRow(page: Page, name: string): Locator {
  return servicesTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** The cell of `row` under the column titled `title` of the services table. */
async function cellUnder(page: Page, row: Locator, title: string) {
  const titles = await servicesTable(page)
    .getByRole('columnheader')
    .allTextContents();
  expect(titles).toContain(title);
  return row.getByRole('cell').nth(titles.indexOf(title));
}

async function openOpsPage(page: Page) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Disaster recovery' })
    .click();
  await expect(page.getByText(/^Services with DRS/)).toBeVisible();
}

/** Stops (STALLED, behind by `lagSeconds`) or resumes the replication of all inventory servers. */
async function setInventoryReplication(
  request: APIRequestContext,
  replicationState: 'STALLED' | 'CONTINUOUS',
  lagSeconds: number,
) {
  const response = await request.post(`${SIMULATOR}/_sim/replication`, {
    data: {
      tags: { Application: 'inventory' },
      region: 'us-west-2',
      replicationState,
      lagSeconds,
    },
  });
  expect(response.ok(), await response.text()).toBeTruthy();
}

test.afterAll(async ({ request }) => {
  await setInventoryReplication(request, 'CONTINUOUS', 7);
});

test('the ops page shows a service breaching its RPO once its replication stops', async ({
  signedIn: page,
  request,
}) => {
  await openOpsPage(page);
  const row = serviceRow(page, 'inventory-service');
  const objectives = await cellUnder(page, row, OBJECTIVES);
  // replicating, seconds behind: well inside its RPO of an hour
  await expect(objectives).toContainText('RPO met');
  await expect(objectives).toContainText('within the RPO of 1h');

  // the site stops replicating: its servers fall two hours behind
  await setInventoryReplication(request, 'STALLED', 7200);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(objectives).toContainText('RPO breached');
  await expect(objectives).toContainText(
    /inventory-[a-z]+-\d: latest point in time 2h( \d+s)? old, lag 2h( \d+s)?.*: beyond the RPO of 1h/,
  );

  // sorted by objectives, worst first: inventory among the breached services that lead
  await page.getByRole('columnheader', { name: OBJECTIVES }).click();
  const rows = servicesTable(page).locator('tbody').getByRole('row');
  const column = (
    await servicesTable(page).getByRole('columnheader').allTextContents()
  ).indexOf(OBJECTIVES);
  const standings: { text: string; rank: number }[] = [];
  for (const row of await rows.all()) {
    const text = await row.getByRole('cell').nth(column).innerText();
    standings.push({ text, rank: rankOf(text) });
  }
  expect(standings.map(s => s.rank)).toEqual(
    [...standings.map(s => s.rank)].sort((a, b) => a - b),
  );
  const inventory = standings.findIndex(s =>
    /inventory-[a-z]+-\d: latest point in time/.test(s.text),
  );
  expect(inventory, 'inventory-service in the sorted table').not.toBe(-1);
  expect(standings[inventory].rank).toBe(0);
});

/** Standings worst first, as a service's objectives cell words them. */
const STANDINGS = [
  /\b(RTO|RPO) breached/,
  /configuration problem/i,
  /\b(RTO|RPO) at risk/,
  /\bRTO never drilled/,
  /\b(RTO|RPO) unknown/,
  /\b(RTO|RPO) met/,
];

/** A service's worst standing in an objectives cell; none stated ranks last. */
function rankOf(cell: string): number {
  const found = STANDINGS.findIndex(standing => standing.test(cell));
  return found === -1 ? STANDINGS.length : found;
}

/** The first whole minute at least 20 s away, and its time on the clock in ZONE. */
function nextSlot(): { due: Date; hour: number; minute: number } {
  const due = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(due);
  const part = (type: string) =>
    Number(parts.find(p => p.type === type)!.value);
  return { due, hour: part('hour'), minute: part('minute') };
}

/** Chooses `option` in the Material UI select labelled `label` within `scope`. */
async function choose(
  page: Page,
  scope: Locator,
  label: string,
  option: string,
) {
  await scope.getByRole('button', { name: new RegExp(`^${label}`) }).click();
  await page.getByRole('listbox').getByRole('option', { name: option }).click();
  await expect(page.getByRole('listbox')).toBeHidden();
}

/** The DR health card's "Scheduled drills" section. */
function scheduledDrills(page: Page): Locator {
  return page
    .locator('.MuiGrid-item')
    .filter({ has: page.getByText('Scheduled drills', { exact: true }) })
    .last();
}

/** The payments plan of that name, as the API gives it. */
async function paymentsPlan(
  request: APIRequestContext,
  token: string,
  name: string,
): Promise<RecoveryPlan | undefined> {
  const response = await request.get(
    `${entityPath('payments-service')}/plans`,
    {
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  expect(response.ok()).toBeTruthy();
  return ((await response.json()).items as RecoveryPlan[]).find(
    p => p.name === name,
  );
}

/** The executions of a payments plan, newest first. */
async function scheduledRuns(
  request: APIRequestContext,
  token: string,
  planId: string,
): Promise<ExecutionSummary[]> {
  const response = await request.get(
    `${entityPath('payments-service')}/executions?limit=50`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(response.ok()).toBeTruthy();
  const { items } = (await response.json()) as { items: ExecutionSummary[] };
  return items.filter(e => e.planId === planId);
}

test('a plan’s scheduled drill runs by itself and the ops page holds it against the RTO', async ({
  signedIn: page,
  request,
}) => {
  test.setTimeout(300_000);
  const token = await guestToken(request);
  const planName = `e2e-scheduled-${Date.now()}`;
  const servicePage = '/catalog/default/component/payments-service';

  // The owner gives a plan a daily schedule whose next time is a minute or so away
  await page.goto(servicePage);
  await entityTab(page, 'DR Plans').click();
  await page.getByRole('button', { name: 'New plan' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Plan name').fill(planName);
  const wave = dialog.getByRole('group', { name: 'Wave 1' });
  await wave.getByLabel('Wave name').fill('api');
  await wave.getByRole('checkbox', { name: 'payments-api-2' }).click();
  await expect(
    wave.getByRole('checkbox', { name: 'payments-api-2' }),
  ).toBeChecked();
  await choose(page, dialog, 'Scheduled drills', 'On a cron schedule');
  await dialog.getByLabel(/^Time zone/).fill(ZONE);
  const { due, hour, minute } = nextSlot();
  const cron = `${minute} ${hour} * * *`;
  await dialog.getByLabel(/^Cron expression/).fill(cron);
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(dialog).toBeHidden();

  const plan = (await paymentsPlan(request, token, planName))!;
  expect(plan.drillSchedule).toEqual({ cron, timeZone: ZONE, enabled: true });
  expect(
    Date.parse(plan.updatedAt),
    'the plan was saved before its first drill was due',
  ).toBeLessThan(due.getTime());

  // Its health card says when the drill comes, in the viewer's zone, and that none ran yet
  await page.goto(servicePage);
  const schedule = scheduledDrills(page);
  await expect(schedule).toContainText(`${planName}: ${cron} (${ZONE})`);
  await expect(schedule).toContainText('on schedule');
  await expect(schedule).toContainText('next drill');
  await expect(
    schedule.locator(`time[datetime="${due.toISOString()}"]`),
  ).toBeVisible();
  await expect(schedule).toContainText('last successful never');

  // Nobody starts it: the scheduler records the start (or why it refused, which fails here)...
  let state: RecoveryPlan['drillScheduleState'];
  await expect
    .poll(
      async () => {
        state = (await paymentsPlan(request, token, planName))
          ?.drillScheduleState;
        return Boolean(state?.lastExecutionId || state?.lastError);
      },
      { timeout: 150_000, intervals: [2000] },
    )
    .toBe(true);
  expect(
    state?.lastError,
    'why the scheduler did not start it',
  ).toBeUndefined();
  // ...and the DR Executions tab shows it appear, started by the scheduler
  await entityTab(page, 'DR Executions').click();
  const run = page.getByRole('row').filter({ hasText: planName });
  await expect(run).toContainText(SHOWN_SCHEDULER);
  await expect(run).toContainText('DRILL');
  await expect(run).toContainText('COMPLETED', { timeout: 90_000 });
  const [summary] = await scheduledRuns(request, token, plan.planId);
  expect(summary.initiatedBy).toBe(SCHEDULER);
  const execution: Execution = await getExecution(
    request,
    token,
    summary.executionId,
  );
  expect(Date.parse(execution.createdAt)).toBeGreaterThanOrEqual(due.getTime());
  const measured = Math.round(
    (Date.parse(execution.endedAt!) - Date.parse(execution.startedAt!)) / 1000,
  );
  expect(measured).toBeGreaterThan(0);
  await run.getByRole('link', { name: planName }).click();
  await expect(fact(page, 'Initiated By')).toContainText(SHOWN_SCHEDULER);
  await expect(fact(page, 'Status')).toContainText('COMPLETED');

  // The health card counts it as the schedule's last successful drill
  await page.goto(servicePage);
  await expect(scheduledDrills(page)).toContainText('last successful');
  await expect(
    scheduledDrills(page).locator(`time[datetime="${execution.startedAt}"]`),
  ).toBeVisible();

  // The ops page: the drill as the service's last, its recovery time well inside the RTO
  await openOpsPage(page);
  const row = serviceRow(page, 'payments-service');
  const lastDrill = await cellUnder(page, row, 'Last drill');
  await expect(lastDrill).toContainText('COMPLETED');
  await expect(lastDrill).toContainText(
    new RegExp(`recovered in ${measured}s`, 'i'),
  );
  const objectives = await cellUnder(page, row, OBJECTIVES);
  await expect(objectives).toContainText('RTO met');
  await expect(objectives).toContainText(
    /The last successful drill recovered in \d+s of 30m/i,
  );

  // Its owners were told before and after, the outcome against the RTO in the notice
  await page.goto('/notifications');
  await expect(
    page.getByText(
      `Scheduled DR drill of ${planName} starts at ${due.toISOString()}`,
    ),
  ).toBeVisible();
  await expect(
    page.getByText(`DR drill of ${planName} completed`, { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByText(
      `Scheduled drill recovered in ${measured}s against an RTO of PT30M (1800s): met.`,
    ),
  ).toBeVisible();
});

test.afterAll(async ({ request }) => {
  // a drill still running at a failure is cancelled, so that later specs find payments idle
  const token = await guestToken(request);
  const response = await request.get(
    `${entityPath('payments-service')}/executions?limit=50`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (!response.ok()) return;
  const { items } = (await response.json()) as { items: ExecutionSummary[] };
  for (const e of items) {
    if (
      e.initiatedBy === SCHEDULER &&
      ['PENDING', 'POLLING', 'PAUSED'].includes(e.status)
    ) {
      await request.post(
        `${BACKEND}/api/drs/executions/${e.executionId}/cancel`,
        {
          headers: { Authorization: `Bearer ${token}` },
          data: {},
        },
      );
    }
  }
});
