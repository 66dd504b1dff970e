import { Locator, Page } from '@playwright/test';
import {
  entityTab,
  expect,
  getExecution,
  guestToken,
  test,
  waitForEnd,
} from './fixtures';

/*
 * The wave editor and the start dialog with the keyboard alone: a person who uses no mouse
 * creates a 2-wave plan and starts its drill. Only keyboard.press and keyboard.type act on the
 * page; locators merely say where the focus should get to.
 */

/** Whether `target` has the focus. */
function focused(target: Locator) {
  return target.evaluate(element => element === document.activeElement);
}

/**
 * Presses Tab until `target` has the focus, as a person tabs through the page (a dialog traps
 * the focus, so Tab comes round within it); fails if `target` is not reached in `max` presses.
 */
async function tabTo(page: Page, target: Locator, max = 120) {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < max; presses++) {
    if (await focused(target)) return;
    await page.keyboard.press('Tab');
  }
  expect(await focused(target), `Tab never reached ${target}`).toBe(true);
}

/** Tabs to a text field and replaces what it holds with `text`. */
async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
  await expect(field).toHaveValue(text);
}

/** Tabs to a server's checkbox and ticks it with the space bar. */
async function tick(page: Page, wave: Locator, host: string) {
  const checkbox = wave.getByRole('checkbox', { name: host });
  await tabTo(page, checkbox);
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();
}

test('a plan is created in the wave editor and its drill started with the keyboard alone', async ({
  signedIn: page,
  request,
}) => {
  const planName = `e2e-keyboard-${Date.now()}`;
  await page.goto('/catalog/default/component/checkout-service');

  await tabTo(page, entityTab(page, 'DR Plans'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/dr-plans$/);

  await tabTo(page, page.getByRole('button', { name: 'New plan' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await typeInto(page, dialog.getByLabel('Plan name'), planName);

  const db = dialog.getByRole('group', { name: 'Wave 1' });
  await typeInto(page, db.getByLabel('Wave name'), 'db');
  await tick(page, db, 'checkout-db-2');

  await tabTo(page, dialog.getByRole('button', { name: 'Add wave' }));
  await page.keyboard.press('Enter');
  const app = dialog.getByRole('group', { name: 'Wave 2' });
  await typeInto(page, app.getByLabel('Wave name'), 'app');
  await tick(page, app, 'checkout-app-2');

  await tabTo(page, dialog.getByRole('button', { name: 'Create plan' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: planName });
  await expect(row.getByRole('cell').nth(2)).toHaveText('2'); // waves
  await expect(row.getByRole('cell').nth(3)).toHaveText('2'); // servers

  await tabTo(page, row.getByRole('button', { name: `Start ${planName}` }));
  await page.keyboard.press('Enter');
  const start = page.getByRole('dialog');
  await expect(start.getByText('Every server can be launched.')).toBeVisible();
  await expect(start.getByRole('radio', { name: /^Drill/ })).toBeChecked();
  await tabTo(page, start.getByRole('button', { name: 'Start drill' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/dr-executions\/[^/]+$/);

  // the drill of the plan as typed, run to its end (so later specs find the servers free)
  const token = await guestToken(request);
  const executionId = page.url().split('/').pop()!;
  const started = await getExecution(request, token, executionId);
  expect(started.planName).toBe(planName);
  expect(started.mode).toBe('DRILL');
  expect(
    started.waves.map(wave => [wave.name, wave.servers.map(s => s.hostname)]),
  ).toEqual([
    ['db', ['checkout-db-2']],
    ['app', ['checkout-app-2']],
  ]);
  expect((await waitForEnd(request, token, executionId)).status).toBe(
    'COMPLETED',
  );
});
