import { Page } from '@playwright/test';
import { entityTab, expect, fact, test } from './fixtures';

/** A mark left on the page; a reload would wipe it. */
type E2eWindow = Window & { __e2eNoReload?: string };

const TIERS = ['db', 'app', 'web'] as const;

/** The status chip texts of each wave header, read from the DOM. */
async function waveStatuses(page: Page): Promise<Record<string, string>> {
  const texts = await page.evaluate(
    tiers =>
      tiers.map(
        tier =>
          [...document.querySelectorAll('.MuiAccordionSummary-root')].find(
            header =>
              header
                .querySelector('strong')
                ?.textContent?.endsWith(`Wave ${tier}`),
          )?.textContent ?? '',
      ),
    [...TIERS],
  );
  const result: Record<string, string> = {};
  TIERS.forEach((tier, i) => {
    const match = texts[i].match(
      /(PENDING|STARTED|COMPLETED|FAILED|CANCELLED)/,
    );
    if (match) result[tier] = match[1];
  });
  return result;
}

test('a 3-wave drill created in the UI runs to completion live, without a reload', async ({
  signedIn: page,
}) => {
  const planName = `e2e-lifecycle-${Date.now()}`;
  await page.goto('/catalog/default/component/checkout-service');
  await entityTab(page, 'DR Plans').click();

  // Create the plan: db, then app, then web
  await page.getByRole('button', { name: 'New plan' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Plan name').fill(planName);
  for (const [index, tier] of TIERS.entries()) {
    if (index > 0)
      await dialog.getByRole('button', { name: 'Add wave' }).click();
    const wave = dialog.getByRole('group', { name: `Wave ${index + 1}` });
    await wave.getByLabel('Wave name').fill(tier);
    for (const n of [1, 2, 3]) {
      await wave
        .getByRole('checkbox', { name: `checkout-${tier}-${n}` })
        .click();
      await expect(
        wave.getByRole('checkbox', { name: `checkout-${tier}-${n}` }),
      ).toBeChecked();
    }
  }
  await dialog.getByRole('button', { name: 'Create plan' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: planName });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(2)).toHaveText('3'); // waves
  await expect(row.getByRole('cell').nth(3)).toHaveText('9'); // servers

  // From here on, nothing may reload the page: count full loads and keep a marker in window.
  let loads = 0;
  const navigations: string[] = [];
  page.on('load', () => loads++);
  page.on('framenavigated', frame => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  await page.evaluate(() => {
    (window as E2eWindow).__e2eNoReload = 'still here';
  });

  await row.getByRole('button', { name: `Start ${planName}` }).click();
  const start = page.getByRole('dialog');
  await expect(start.getByText('Every server can be launched.')).toBeVisible();
  await expect(start.getByRole('radio', { name: /^Drill/ })).toBeChecked();
  await start.getByRole('button', { name: 'Start drill' }).click();

  // The details page of the new execution
  await expect(page).toHaveURL(/\/dr-executions\/[^/]+$/);
  await expect(page.getByText(planName).first()).toBeVisible();
  const statusCell = fact(page, 'Status');
  await expect(statusCell).toContainText(/PENDING|POLLING/);

  // Watch the waves' statuses change in the DOM
  const seen: Record<string, string[]> = { db: [], app: [], web: [] };
  const deadline = Date.now() + 90_000;
  for (;;) {
    const statuses = await waveStatuses(page);
    for (const tier of TIERS) {
      const s = statuses[tier];
      const list = seen[tier];
      if (s && list[list.length - 1] !== s) list.push(s);
    }
    if (TIERS.every(t => statuses[t] === 'COMPLETED')) break;
    if (TIERS.some(t => statuses[t] === 'FAILED')) break;
    expect(
      Date.now(),
      `waves still running: ${JSON.stringify(seen)}`,
    ).toBeLessThan(deadline);
    await page.waitForTimeout(150);
  }
  console.log(`wave statuses seen in the DOM: ${JSON.stringify(seen)}`);
  for (const tier of TIERS) {
    expect(seen[tier][seen[tier].length - 1]).toBe('COMPLETED');
    // never goes backwards
    const order = ['PENDING', 'STARTED', 'COMPLETED'];
    const idx = seen[tier].map(s => order.indexOf(s));
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
  }
  // the later waves were seen waiting, then running, then done
  expect(seen.web).toEqual(['PENDING', 'STARTED', 'COMPLETED']);
  expect(seen.app).toEqual(['PENDING', 'STARTED', 'COMPLETED']);

  await expect(statusCell).toContainText('COMPLETED');
  // end time set and a duration shown
  const ended = fact(page, 'Ended');
  await expect(ended).not.toContainText('—');
  await expect(ended).toContainText(/\d{1,2}:\d{2}:\d{2}/);
  const duration = fact(page, 'Duration');
  await expect(duration).toHaveText(/^Duration\s*\d+(m|s)/);

  // servers reached HEALTHY or LAUNCHED: open each wave and read its servers table
  for (const tier of TIERS) {
    const header = page.getByRole('button', { name: `Wave ${tier}` });
    if ((await header.getAttribute('aria-expanded')) !== 'true')
      await header.click();
    for (const n of [1, 2, 3]) {
      const serverRow = page
        .getByRole('row')
        .filter({ hasText: `checkout-${tier}-${n}` });
      await expect(serverRow).toContainText(/HEALTHY|LAUNCHED/);
    }
    await expect(header).toContainText('3 of 3 launched');
  }

  expect(loads, 'the page was reloaded').toBe(0);
  expect(await page.evaluate(() => (window as E2eWindow).__e2eNoReload)).toBe(
    'still here',
  );
  // the only navigation is the in-app one to the details
  expect(navigations.length).toBeLessThanOrEqual(1);
});
