import { expect, test } from './fixtures';

test('the catalog lists the example services and a DRS service shows its source servers', async ({
  signedIn: page,
}) => {
  await expect(
    page.getByRole('link', { name: 'checkout-service' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'docs-portal' })).toBeVisible();

  await page.getByRole('link', { name: 'checkout-service' }).click();
  await page.getByRole('tab', { name: 'DR Plans' }).click();
  await expect(page.getByText('checkout-db-1')).toBeVisible();
  await expect(page.getByText('checkout-web-3')).toBeVisible();

  // A service without DRS annotations gets no DR tabs.
  await page.goto('/catalog/default/component/docs-portal');
  await expect(page.getByText('Static documentation site')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'DR Plans' })).toHaveCount(0);
});
