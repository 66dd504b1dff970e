import { expect, Page, test as base } from '@playwright/test';

/**
 * A signed-in page that fails the test on any uncaught exception or console error,
 * so a broken page cannot pass by rendering something.
 */
export const test = base.extend<{ signedIn: Page }>({
  signedIn: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', error => problems.push(`uncaught: ${error.message}`));
    page.on('console', message => {
      // React's development warnings (findDOMNode and the like) are not errors of this app.
      if (
        message.type() === 'error' &&
        !message.text().startsWith('Warning:')
      ) {
        problems.push(`console: ${message.text()}`);
      }
    });
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await expect(
      page
        .getByText('My Company Catalog')
        .or(page.getByText('Example Corp Catalog')),
    ).toBeVisible();
    await use(page);
    expect(problems).toEqual([]);
  },
});

export { expect };
