import { entityTab, expect, test } from './fixtures';

test('the catalog lists the example services and a DRS service shows its source servers', async ({
  signedIn: page,
}) => {
  await expect(
    page.getByRole('link', { name: 'checkout-service' }),
  ).toBeVisible();
  // docs-portal belongs to team-web: it shows under All, not under the guest's Owned
  await page.getByRole('menuitem', { name: /^All/ }).click();
  await expect(page.getByRole('link', { name: 'docs-portal' })).toBeVisible();

  await page.getByRole('link', { name: 'checkout-service' }).click();
  await entityTab(page, 'DR Plans').click();
  await expect(page.getByText('checkout-db-1')).toBeVisible();
  await expect(page.getByText('checkout-web-3')).toBeVisible();

  // A service without DRS annotations gets no DR tabs.
  await page.goto('/catalog/default/component/docs-portal');
  await expect(page.getByText('Static documentation site')).toBeVisible();
  await expect(entityTab(page, 'DR Plans')).toHaveCount(0);
});
