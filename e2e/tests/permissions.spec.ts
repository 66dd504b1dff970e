import {
  createPlan,
  entityPath,
  entityTab,
  expect,
  guestToken,
  startExecution,
  test,
} from './fixtures';

test('a guest (not in platform-sre) may drill but gets no recovery, and the API refuses one', async ({
  signedIn: page,
  request,
}) => {
  const token = await guestToken(request);
  const planName = `e2e-permissions-${Date.now()}`;
  const plan = await createPlan(request, token, 'checkout-service', planName, [
    { name: 'only', hosts: ['checkout-app-3'] },
  ]);

  await page.goto('/catalog/default/component/checkout-service');
  await entityTab(page, 'DR Plans').click();
  const row = page.getByRole('row').filter({ hasText: planName });
  await row.getByRole('button', { name: `Start ${planName}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Every server can be launched.')).toBeVisible();
  // only the drill is offered, and no typed confirmation is asked for
  await expect(dialog.getByRole('radio')).toHaveCount(1);
  await expect(dialog.getByRole('radio', { name: /^Drill/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^Recovery/ })).toHaveCount(0);
  await expect(dialog.getByText(/real failover/)).toHaveCount(0);
  await expect(dialog.getByLabel('Plan name')).toHaveCount(0);
  await expect(
    dialog.getByRole('button', { name: 'Start recovery' }),
  ).toHaveCount(0);
  await expect(
    dialog.getByRole('button', { name: 'Start drill' }),
  ).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // the backend refuses a real recovery for the guest, and starts nothing
  const refused = await startExecution(
    request,
    token,
    'checkout-service',
    plan.planId,
    'RECOVERY',
  );
  expect(refused.status()).toBe(403);
  const history = await request.get(
    `${entityPath('checkout-service')}/executions?limit=100`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(history.ok()).toBeTruthy();
  const { items } = await history.json();
  expect(
    items.filter((e: { planName: string }) => e.planName === planName),
  ).toEqual([]);
  // unauthenticated: refused as well
  const anonymous = await request.post(
    `${entityPath('checkout-service')}/plans/${plan.planId}/executions`,
    {
      headers: { 'Idempotency-Key': `e2e-anon-${Date.now()}` },
      data: { mode: 'RECOVERY' },
    },
  );
  expect(anonymous.status()).toBe(401);
});

test('docs-portal, owned by team-web and without DRS annotations, has no DR tabs', async ({
  signedIn: page,
}) => {
  await page.goto('/catalog/default/component/docs-portal');
  await expect(page.getByText('Static documentation site')).toBeVisible();
  await expect(entityTab(page, 'Overview')).toBeVisible();
  await expect(entityTab(page, 'DR Plans')).toHaveCount(0);
  await expect(entityTab(page, 'DR Executions')).toHaveCount(0);
  // a DRS service of the guest's does have them, so the check above can fail
  await page.goto('/catalog/default/component/payments-service');
  await expect(entityTab(page, 'DR Plans')).toBeVisible();
  await expect(entityTab(page, 'DR Executions')).toBeVisible();
});

test('the SRE on call is signed in as a member of the recovery group across page loads, until signing out', async ({
  sreSignedIn: page,
}) => {
  // a full page load: the sign-in page signs in again as the persona chosen before
  await page.goto('/settings');
  await expect(page.getByRole('link', { name: 'platform-sre' })).toBeVisible();
  await page.getByRole('button', { name: 'more' }).click();
  await page.getByRole('menuitem', { name: 'Sign Out' }).click();
  // signing out forgets the choice: the next page load asks again
  await expect(
    page.getByRole('button', { name: 'Enter as SRE on call' }),
  ).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole('button', { name: 'Enter as guest' }),
  ).toBeVisible();
});
