import { Route } from '@playwright/test';
import { entityTab, expect, test } from './fixtures';

// The provoked failures are logged by the browser as failed resources; nothing else may be.
test.use({
  allowedConsoleErrors: ['Failed to load resource', 'net::ERR_'],
});

const EXECUTIONS =
  '**/api/drs/entities/component/default/checkout-service/executions*';
const PLANS = '**/api/drs/entities/component/default/checkout-service/plans';

const cases: {
  name: string;
  url: string;
  tab: 'DR Plans' | 'DR Executions';
  loaded: string;
  fail: (route: Route) => Promise<void>;
  message: RegExp;
}[] = [
  {
    name: 'a 500 from the backend on the executions request',
    url: EXECUTIONS,
    tab: 'DR Executions',
    loaded: 'DR executions',
    fail: route =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            name: 'Error',
            message: 'DynamoDB is unavailable (injected)',
          },
          request: { method: 'GET', url: '/executions' },
          response: { statusCode: 500 },
        }),
      }),
    message: /DynamoDB is unavailable \(injected\)/,
  },
  {
    name: 'a malformed JSON body on the plans request',
    url: PLANS,
    tab: 'DR Plans',
    loaded: 'Recovery plans',
    fail: route =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: '{"items": [ {"planId": ',
      }),
    message: /The DRS backend sent .* as something other than JSON/,
  },
  {
    name: 'a request that times out on the executions request',
    url: EXECUTIONS,
    tab: 'DR Executions',
    loaded: 'DR executions',
    fail: route => route.abort('timedout'),
    message: /could not reach the DRS backend|did not answer/i,
  },
];

for (const c of cases) {
  test(`${c.name} shows a clear message, and Retry recovers`, async ({
    signedIn: page,
  }) => {
    let failed = 0;
    await page.route(c.url, async route => {
      if (route.request().method() !== 'GET') return route.fallback();
      failed++;
      return c.fail(route);
    });
    await page.goto('/catalog/default/component/checkout-service');
    await entityTab(page, c.tab).click();

    const retry = page.getByRole('button', { name: 'Retry', exact: true });
    await expect(retry).toBeVisible();
    await expect(page.getByText(c.message).first()).toBeVisible();
    await expect(page.getByText(c.loaded, { exact: true })).toHaveCount(0);
    expect(failed).toBeGreaterThan(0);

    // Retrying while still failing keeps the error, and retries the request
    // A click that lands while the view re-renders (a signal from another test's execution of
    // this entity refetches it) can miss the button: click again until a request goes out.
    const before = failed;
    await expect(async () => {
      await retry.click();
      await expect
        .poll(() => failed, { timeout: 5_000 })
        .toBeGreaterThan(before);
    }).toPass({ timeout: 30_000 });
    await expect(retry).toBeVisible();

    await page.unroute(c.url);
    await retry.click();
    await expect(page.getByText(c.loaded, { exact: true })).toBeVisible();
    await expect(retry).toHaveCount(0);
    await expect(page.getByText(c.message)).toHaveCount(0);
  });
}
