import { readFileSync } from 'node:fs';
import {
  createPlan,
  entityTab,
  expect,
  fact,
  guestToken,
  runToEnd,
  shownTimestamp,
  SIMULATOR,
  test,
} from './fixtures';

test.use({ timezoneId: 'Asia/Tokyo' });

test('the history lists executions newest first with their status, in the viewer’s time zone, with details and a report', async ({
  signedIn: page,
  request,
}) => {
  const token = await guestToken(request);
  const planName = `e2e-history-${Date.now()}`;
  const plan = await createPlan(request, token, 'checkout-service', planName, [
    { name: 'only', hosts: ['checkout-web-2'] },
  ]);

  // the older run fails: DRS fails the server's launch
  const fault = await request.post(`${SIMULATOR}/_sim/faults`, {
    data: { failServers: { 'checkout-web-2': 'launch' } },
  });
  expect(fault.ok()).toBeTruthy();
  let older;
  try {
    older = await runToEnd(request, token, 'checkout-service', plan.planId);
  } finally {
    await request.post(`${SIMULATOR}/_sim/faults`, {
      data: { failServers: {} },
    });
  }
  expect(older.status).toBe('FAILED');
  const state = await (await request.get(`${SIMULATOR}/_sim/state`)).json();
  expect(state.faults.failServers).toEqual({});
  const newer = await runToEnd(request, token, 'checkout-service', plan.planId);
  expect(newer.status).toBe('COMPLETED');

  await page.goto('/catalog/default/component/checkout-service');
  await entityTab(page, 'DR Executions').click();
  await expect(page.getByText('DR executions', { exact: true })).toBeVisible();
  const rows = page.getByRole('row').filter({ hasText: planName });
  await expect(rows).toHaveCount(2);
  // newest first, each with its own status
  await expect(
    rows.nth(0).getByRole('link', { name: planName }),
  ).toHaveAttribute('href', new RegExp(`${newer.executionId}$`));
  await expect(rows.nth(0)).toContainText('COMPLETED');
  await expect(
    rows.nth(1).getByRole('link', { name: planName }),
  ).toHaveAttribute('href', new RegExp(`${older.executionId}$`));
  await expect(rows.nth(1)).toContainText('FAILED');
  // across the whole page, newest first too
  const hrefs = await page
    .getByRole('row')
    .getByRole('link')
    .evaluateAll(links => links.map(a => a.getAttribute('href') ?? ''));
  expect(
    hrefs.indexOf(hrefs.find(h => h.endsWith(newer.executionId))!),
  ).toBeLessThan(
    hrefs.indexOf(hrefs.find(h => h.endsWith(older.executionId))!),
  );

  // the start time as Tokyo shows it (UTC+9), not UTC
  const startedIso = newer.startedAt ?? newer.createdAt;
  const expected = shownTimestamp(startedIso, 'Asia/Tokyo');
  console.log(`started ${startedIso} shown in Tokyo as ${expected}`);
  // the column reads relatively ("3 minutes ago"); the exact Tokyo time is on hover (title)
  const startedTime = rows.nth(0).locator('time');
  await expect(startedTime).toHaveAttribute('datetime', startedIso);
  await expect(startedTime).toHaveAttribute('title', expected);
  await expect(startedTime).toHaveText(/ago|now/);
  const utcHour = new Date(startedIso).getUTCHours();
  expect((utcHour + 9) % 24).toBe(
    Number(
      new Date(startedIso).toLocaleString('en-US', {
        timeZone: 'Asia/Tokyo',
        hour: 'numeric',
        hour12: false,
      }),
    ) % 24,
  );

  // details: facts and polling metadata
  await rows.nth(0).getByRole('link', { name: planName }).click();
  await expect(page).toHaveURL(new RegExp(`${newer.executionId}$`));
  await expect(fact(page, 'Status')).toContainText('COMPLETED');
  await expect(fact(page, 'Started')).toContainText(expected);
  await expect(fact(page, 'Poll Count')).toHaveText(/Poll Count\s*[1-9]\d*/);
  const lastPolled = fact(page, 'Last Polled').locator('time');
  await expect(lastPolled).toHaveAttribute('title', /\d{1,2}:\d{2}:\d{2}/);
  const polledAt = await lastPolled.getAttribute('datetime');
  expect(Date.parse(polledAt!)).toBeGreaterThanOrEqual(Date.parse(startedIso));
  await expect(fact(page, 'Last Error')).toContainText('none');

  // the report download
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report' }).click(),
  ]);
  expect(download.suggestedFilename()).toContain(newer.executionId);
  const content = readFileSync((await download.path())!, 'utf8');
  expect(content).toContain(planName);
  expect(content).toContain('COMPLETED');
});
