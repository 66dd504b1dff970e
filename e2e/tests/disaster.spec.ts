import { readFileSync } from 'node:fs';
import { APIRequestContext, Locator, Page } from '@playwright/test';
import type {
  ExecutionReport,
  PlanReadiness,
} from '@drs-orchestration/plugin-drs-common';
import { expect, test } from './fixtures';
import {
  BACKEND,
  createPlan,
  entityTab,
  fact,
  getExecution,
  guestToken,
  shownTimestamp,
  SIMULATOR,
  sreToken,
  startExecution,
} from './fixtures';

// UTC+05:30: a cut-off read in the wrong zone is off by hours and a half
const ZONE = 'Asia/Kolkata';
test.use({ timezoneId: ZONE });
// one outage, told in steps: checkout's site stays dark from the first test to the last
test.describe.configure({ mode: 'serial' });

const ENTITY = 'checkout-service';
const ENTITY_PAGE = `/catalog/default/component/${ENTITY}`;
const WAVES = [
  { name: 'db', hosts: ['checkout-db-1', 'checkout-db-2'] },
  { name: 'app', hosts: ['checkout-app-1'] },
];
const HOSTS = WAVES.flatMap(wave => wave.hosts);

let plan: { planId: string; name: string };
/** Each server's newest point in time when its site went dark. */
let lastPointInTime: Record<string, string>;
/** The point in time each server recovered from in the first recovery. */
let firstRecovery: Record<string, string>;
/** The executions this file started, cancelled at the end if still running. */
const started: string[] = [];

const time = (iso: string | undefined) => new Date(iso!).getTime();

/** Sets the replication state of every checkout server through the simulator's control API. */
async function setCheckoutReplication(
  request: APIRequestContext,
  replicationState: 'STALLED' | 'CONTINUOUS',
): Promise<{ hostname: string; latestPointInTime?: string }[]> {
  const response = await request.post(`${SIMULATOR}/_sim/replication`, {
    data: { tags: { Application: 'checkout' }, replicationState },
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  return (await response.json()).sourceServers;
}

test.beforeAll(async ({ request }) => {
  plan = await createPlan(
    request,
    await guestToken(request),
    ENTITY,
    `e2e-disaster-${Date.now()}`,
    WAVES,
  );
  // STALLED, as a site that went dark: STOPPED would delete the points in time
  const dark = await setCheckoutReplication(request, 'STALLED');
  lastPointInTime = Object.fromEntries(
    dark.map(server => [server.hostname, server.latestPointInTime!]),
  );
  for (const host of HOSTS) expect(lastPointInTime[host]).toBeTruthy();
});

test.afterAll(async ({ request }) => {
  const token = await sreToken(request);
  for (const executionId of started) {
    const { status } = await getExecution(request, token, executionId);
    if (['PENDING', 'POLLING', 'PAUSED'].includes(status)) {
      await request.post(
        `${BACKEND}/api/drs/executions/${executionId}/cancel`,
        {
          headers: { Authorization: `Bearer ${token}` },
          data: {},
        },
      );
    }
  }
  await setCheckoutReplication(request, 'CONTINUOUS');
});

/** The pre-flight answer the start dialog gets next for this cut-off (none: latest). */
function nextPreflight(page: Page, cutoff?: string): Promise<PlanReadiness> {
  return page
    .waitForResponse(
      response =>
        response.url().endsWith(`/plans/${plan.planId}/validate`) &&
        response.request().postDataJSON()?.pointInTime?.at === cutoff,
    )
    .then(response => response.json());
}

/** How the dialog words a data-loss window: whole minutes, rounded up. */
function inWords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** How the app shows a duration under an hour, e.g. "1m 5s". */
function shownDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return (
    [minutes && `${minutes}m`, rest && `${rest}s`].filter(Boolean).join(' ') ||
    '0s'
  );
}

/** The cell of `row` under the column titled `title` of `table`. */
async function cellUnder(table: Locator, row: Locator, title: string) {
  const titles = await table.getByRole('columnheader').allTextContents();
  expect(titles).toContain(title);
  return row.getByRole('cell').nth(titles.indexOf(title));
}

/**
 * In the open start dialog: checks that each server is STALLED and launches from the point in
 * time pre-flight found, accepts the data-loss window the dialog shows, and starts the
 * recovery. Returns the point in time per server.
 */
async function acceptAndRecover(
  page: Page,
  readiness: PlanReadiness,
): Promise<Record<string, string>> {
  const dialog = page.getByRole('dialog');
  const pointsInTime: Record<string, string> = {};
  for (const host of HOSTS) {
    const server = readiness.servers.find(s => s.hostname === host)!;
    expect(server.replicationState).toBe('STALLED');
    expect(server.launchable).toBe(true);
    pointsInTime[host] = server.pointInTime!.at;
    const row = dialog.getByRole('row').filter({ hasText: host });
    await expect(row).toContainText('STALLED');
    await expect(row).toContainText(shownTimestamp(pointsInTime[host], ZONE));
  }
  const window = inWords(readiness.worstDataLossSeconds!);
  await expect(
    dialog.getByText(
      `You will lose up to ${window} of data, and more the longer the sources stay down.`,
    ),
  ).toBeVisible();
  const start = dialog.getByRole('button', { name: 'Start recovery' });
  await dialog.getByLabel('Plan name').fill(plan.name);
  // the typed name alone is not enough: the loss must be accepted
  await expect(start).toBeDisabled();
  await dialog
    .getByRole('checkbox', { name: `I accept losing up to ${window} of data` })
    .check();
  await start.click();
  await expect(page).toHaveURL(/\/dr-executions\/[^/]+$/);
  started.push(page.url().split('/').pop()!);
  return pointsInTime;
}

/**
 * Waits for the recovery on the page to complete, then checks that each server launched from
 * `pointsInTime` and that the page shows that point in time and the data lost, as recorded.
 */
async function expectRecovered(
  page: Page,
  request: APIRequestContext,
  pointsInTime: Record<string, string>,
) {
  await expect(fact(page, 'Status')).toContainText('COMPLETED', {
    timeout: 90_000,
  });
  await expect(fact(page, 'Mode')).toContainText('RECOVERY');
  const execution = await getExecution(
    request,
    await sreToken(request),
    started[started.length - 1],
  );
  expect(execution.initiatedBy).toBe('user:default/sre-on-call');
  for (const wave of execution.waves) {
    const header = page.getByRole('button', {
      name: new RegExp(`^Wave ${wave.name} `),
    });
    if ((await header.getAttribute('aria-expanded')) !== 'true') {
      await header.click();
    }
    for (const server of wave.servers) {
      const host = server.hostname!;
      expect(server.status, host).toMatch(/LAUNCHED|HEALTHY/);
      expect(time(server.pointInTimeAt), host).toBe(time(pointsInTime[host]));
      // the data lost: from the point in time to the launch, rounded up
      expect(server.dataLossSeconds, host).toBe(
        Math.ceil(
          (time(server.launchedAt) - time(server.pointInTimeAt)) / 1000,
        ),
      );
      const table = page
        .getByRole('table')
        .filter({ has: page.getByRole('columnheader', { name: 'Data loss' }) })
        .filter({ hasText: host });
      const row = table.getByRole('row').filter({ hasText: host });
      await expect(row).toBeVisible();
      await expect(await cellUnder(table, row, 'Point in time')).toContainText(
        shownTimestamp(server.pointInTimeAt!, ZONE),
      );
      await expect(await cellUnder(table, row, 'Data loss')).toHaveText(
        shownDuration(server.dataLossSeconds!),
      );
    }
  }
}

/** Opens the start dialog of the plan on the entity's DR Plans tab. */
async function openStart(page: Page) {
  await page.goto(ENTITY_PAGE);
  await entityTab(page, 'DR Plans').click();
  await page
    .getByRole('row')
    .filter({ hasText: plan.name })
    .getByRole('button', { name: `Start ${plan.name}` })
    .click();
  const dialog = page.getByRole('dialog');
  // the recovery group owns no service, so runs no drills of it: a recovery is all it gets
  await expect(dialog.getByRole('radio')).toHaveCount(1);
  await expect(dialog.getByRole('radio', { name: /^Recovery/ })).toBeChecked();
  return dialog;
}

test('a member of the recovery group recovers the dark site from its last points in time, accepting the loss', async ({
  sreSignedIn: page,
  request,
}) => {
  const checked = nextPreflight(page);
  await openStart(page);
  const readiness = await checked;
  for (const host of HOSTS) {
    const server = readiness.servers.find(s => s.hostname === host)!;
    expect(time(server.pointInTime?.at), host).toBe(
      time(lastPointInTime[host]),
    );
  }

  firstRecovery = await acceptAndRecover(page, readiness);
  await expectRecovered(page, request, firstRecovery);
  await expect(fact(page, 'Point In Time')).toContainText('latest');
});

test('a recovery from a cut-off before the outage uses older points in time, as its report shows', async ({
  sreSignedIn: page,
  request,
}) => {
  // the last whole minute before the first recovery's points in time: the picker takes minutes
  const earliest = Math.min(...Object.values(firstRecovery).map(time));
  const cutoff = new Date(Math.floor((earliest - 1) / 60_000) * 60_000);
  const cutoffInput = cutoff
    .toLocaleString('sv-SE', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    .replace(' ', 'T');

  const dialog = await openStart(page);
  await dialog.getByLabel('Point in time').click();
  await page
    .getByRole('option', { name: /^Latest at or before a cut-off/ })
    .click();
  const checked = nextPreflight(page, cutoff.toISOString());
  await dialog.getByLabel(/^Cut-off/).fill(cutoffInput);
  const readiness = await checked;
  for (const host of HOSTS) {
    const at = readiness.servers.find(s => s.hostname === host)?.pointInTime
      ?.at;
    expect(time(at), host).toBeLessThanOrEqual(cutoff.getTime());
    expect(time(at), host).toBeLessThan(time(firstRecovery[host]));
  }

  const pointsInTime = await acceptAndRecover(page, readiness);
  await expectRecovered(page, request, pointsInTime);
  await expect(fact(page, 'Point In Time')).toContainText(
    `latest at or before ${shownTimestamp(cutoff.toISOString(), ZONE)}`,
  );

  // the report, as downloaded from the page and as the API gives it
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report' }).click(),
  ]);
  const markdown = readFileSync((await download.path())!, 'utf8');
  expect(markdown).toContain(
    `- Point in time: latest at or before ${cutoff.toISOString()}`,
  );
  const response = await request.get(
    `${BACKEND}/api/drs/executions/${started[started.length - 1]}/report`,
    { headers: { Authorization: `Bearer ${await sreToken(request)}` } },
  );
  expect(response.ok()).toBeTruthy();
  const report: ExecutionReport = await response.json();
  expect(report.mode).toBe('RECOVERY');
  expect(report.pointInTime).toEqual({
    type: 'before',
    at: cutoff.toISOString(),
  });
  const servers = report.waves.flatMap(wave => wave.servers);
  expect(servers.map(server => server.hostname).sort()).toEqual(
    [...HOSTS].sort(),
  );
  for (const server of servers) {
    const host = server.hostname!;
    expect(time(server.pointInTimeAt), host).toBe(time(pointsInTime[host]));
    expect(time(server.pointInTimeAt), host).toBeLessThanOrEqual(
      cutoff.getTime(),
    );
    expect(markdown).toMatch(
      new RegExp(`\\| ${host} \\|.*\\| ${server.pointInTimeAt} \\|`),
    );
  }
});

test('the guest, who may only drill, cannot approve the waves of a recovery; the recovery group can', async ({
  signedIn: guestPage,
  sreSignedIn: srePage,
  request,
}) => {
  const guest = await guestToken(request);
  const sre = await sreToken(request);
  const gated = await createPlan(
    request,
    guest,
    ENTITY,
    `e2e-disaster-gated-${Date.now()}`,
    [
      { name: 'db', hosts: ['checkout-db-3'] },
      { name: 'app', hosts: ['checkout-app-2'], pauseBefore: true },
    ],
  );
  const response = await startExecution(
    request,
    sre,
    ENTITY,
    gated.planId,
    'RECOVERY',
    3600,
  );
  expect(response.status(), await response.text()).toBe(202);
  const { executionId } = await response.json();
  started.push(executionId);
  await expect
    .poll(async () => (await getExecution(request, sre, executionId)).status, {
      timeout: 60_000,
    })
    .toBe('PAUSED');
  const executionPage = `${ENTITY_PAGE}/dr-executions/${executionId}`;

  // the recovery group is offered the approval, so its absence below means something
  await srePage.goto(executionPage);
  const approve = { name: 'Approve wave app' };
  await expect(srePage.getByRole('button', approve)).toBeVisible();

  await guestPage.goto(executionPage);
  await expect(
    guestPage.getByRole('button', { name: /^Wave app / }),
  ).toContainText('Awaiting approval');
  // the permission answers are in once the page stops asking
  await guestPage.waitForLoadState('networkidle');
  await expect(guestPage.getByRole('button', approve)).toHaveCount(0);
  await expect(
    guestPage.getByRole('button', { name: 'Cancel execution' }),
  ).toHaveCount(0);

  // the API refuses the guest's approval and changes nothing
  const refused = await request.post(
    `${BACKEND}/api/drs/executions/${executionId}/resume`,
    { headers: { Authorization: `Bearer ${guest}` }, data: { wave: 'app' } },
  );
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain('RECOVERY');
  const paused = await getExecution(request, sre, executionId);
  expect(paused.status).toBe('PAUSED');
  expect(paused.waves[1].approvedAt).toBeUndefined();

  // the recovery group approves it on its page; the guest's page follows live
  await srePage.getByRole('button', approve).click();
  await srePage
    .getByRole('dialog')
    .getByRole('button', { name: 'Start wave app' })
    .click();
  await expect(fact(guestPage, 'Status')).toContainText('COMPLETED', {
    timeout: 90_000,
  });
  const done = await getExecution(request, sre, executionId);
  expect(done.waves[1].approvedBy).toBe('user:default/sre-on-call');
});
