import {
  APIRequestContext,
  expect,
  Page,
  test as base,
} from '@playwright/test';
import type { Execution } from '@drs-orchestration/plugin-drs-common';

export const BACKEND = 'http://localhost:7007';
export const SIMULATOR = 'http://127.0.0.1:4576';

/**
 * A signed-in page that fails the test on any uncaught exception or console error,
 * so a broken page cannot pass by rendering something.
 */
export const test = base.extend<{
  signedIn: Page;
  /** Console errors a test expects (e.g. failed requests it provoked); matched by substring. */
  allowedConsoleErrors: string[];
}>({
  allowedConsoleErrors: [[], { option: true }],
  signedIn: async ({ page, allowedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('pageerror', error => problems.push(`uncaught: ${error.message}`));
    page.on('console', message => {
      // React's development warnings (findDOMNode and the like) are not errors of this app.
      const text = message.text();
      if (
        message.type() === 'error' &&
        !text.startsWith('Warning:') &&
        !allowedConsoleErrors.some(allowed => text.includes(allowed))
      ) {
        problems.push(`console: ${text}`);
      }
    });
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    // the app has no home page: the catalog is where a signed-in person starts
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog' })
      .click();
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

/** A guest's Backstage token, for setting up data through the backend's API. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.ok()).toBeTruthy();
  const body = await response.json();
  return body.backstageIdentity.token;
}

export function entityPath(name: string): string {
  return `${BACKEND}/api/drs/entities/component/default/${name}`;
}

export interface ApiPlanWave {
  name: string;
  sourceServerIds: string[];
  waitFor?: 'LAUNCHED' | 'HEALTHY';
}

/** Source server IDs of an entity by hostname. */
export async function serverIds(
  request: APIRequestContext,
  token: string,
  entity: string,
): Promise<Record<string, string>> {
  const response = await request.get(`${entityPath(entity)}/source-servers`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok()).toBeTruthy();
  const body = await response.json();
  return Object.fromEntries(
    body.items.map((s: { hostname: string; sourceServerId: string }) => [
      s.hostname,
      s.sourceServerId,
    ]),
  );
}

/** An entity page's tab (the entity layout renders its tabs as links in "Content navigation"). */
export function entityTab(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });
}

/** A row of a metadata table (execution facts, polling), by its label as displayed. */
export function fact(page: Page, label: string) {
  return page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: label, exact: true }) })
    .first();
}

/** Creates a plan through the API; waves name servers by hostname. */
export async function createPlan(
  request: APIRequestContext,
  token: string,
  entity: string,
  name: string,
  waves: { name: string; hosts: string[]; waitFor?: 'LAUNCHED' | 'HEALTHY' }[],
): Promise<{ planId: string; name: string }> {
  const ids = await serverIds(request, token, entity);
  const response = await request.post(`${entityPath(entity)}/plans`, {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      name,
      waves: waves.map(wave => ({
        name: wave.name,
        waitFor: wave.waitFor ?? 'LAUNCHED',
        sourceServerIds: wave.hosts.map(host => {
          expect(ids[host], `server ${host} of ${entity}`).toBeTruthy();
          return ids[host];
        }),
      })),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

/** Starts an execution through the API; returns the HTTP response. */
export async function startExecution(
  request: APIRequestContext,
  token: string,
  entity: string,
  planId: string,
  mode: 'DRILL' | 'RECOVERY' = 'DRILL',
) {
  return request.post(`${entityPath(entity)}/plans/${planId}/executions`, {
    headers: {
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': `e2e-${Date.now()}-${Math.random()
        .toString(36)
        .slice(2)}`,
    },
    data: { mode },
  });
}

export async function getExecution(
  request: APIRequestContext,
  token: string,
  executionId: string,
) {
  const response = await request.get(
    `${BACKEND}/api/drs/executions/${executionId}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as Execution;
}
