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
 * The demo's sign-ins (packages/app/src/modules/signIn.tsx): each is a proxy auth provider of
 * the backend, chosen on the sign-in page with its button.
 */
const PERSONAS = {
  /** Owns checkout, payments and inventory: plans and drills, no real recovery. */
  guest: { provider: 'guest', button: 'Enter as guest' },
  /** In platform-sre, the recovery group: real recoveries of every service, no drills. */
  sre: { provider: 'sre-on-call', button: 'Enter as SRE on call' },
};
type Persona = keyof typeof PERSONAS;

/**
 * Signs `page` in as `persona` and opens the catalog; returns what went wrong on the page
 * meanwhile and later (uncaught exceptions, console errors but `allowedConsoleErrors`), so a
 * broken page cannot pass by rendering something.
 */
async function signIn(
  page: Page,
  persona: Persona,
  allowedConsoleErrors: string[],
): Promise<string[]> {
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
  await page
    .getByRole('button', { name: PERSONAS[persona].button, exact: true })
    .click();
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
  return problems;
}

/** Signed-in pages that fail the test on any uncaught exception or console error. */
export const test = base.extend<{
  /** A page signed in as the guest. */
  signedIn: Page;
  /** A page of its own browser context, signed in as the SRE on call. */
  sreSignedIn: Page;
  /** Console errors a test expects (e.g. failed requests it provoked); matched by substring. */
  allowedConsoleErrors: string[];
}>({
  allowedConsoleErrors: [[], { option: true }],
  signedIn: async ({ page, allowedConsoleErrors }, use) => {
    const problems = await signIn(page, 'guest', allowedConsoleErrors);
    await use(page);
    expect(problems).toEqual([]);
  },
  sreSignedIn: async (
    { browser, baseURL, timezoneId, allowedConsoleErrors },
    use,
  ) => {
    // a context of its own: sign-ins share the browser's storage within a context
    const context = await browser.newContext({ baseURL, timezoneId });
    const page = await context.newPage();
    const problems = await signIn(page, 'sre', allowedConsoleErrors);
    await use(page);
    await context.close();
    expect(problems).toEqual([]);
  },
});

export { expect };

/** A persona's Backstage token, for setting up data through the backend's API. */
async function personaToken(
  request: APIRequestContext,
  persona: Persona,
): Promise<string> {
  const response = await request.get(
    `${BACKEND}/api/auth/${PERSONAS[persona].provider}/refresh`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(response.ok()).toBeTruthy();
  const body = await response.json();
  return body.backstageIdentity.token;
}

export const guestToken = (request: APIRequestContext) =>
  personaToken(request, 'guest');

export const sreToken = (request: APIRequestContext) =>
  personaToken(request, 'sre');

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
  waves: {
    name: string;
    hosts: string[];
    waitFor?: 'LAUNCHED' | 'HEALTHY';
    /** The execution waits for someone to approve this wave. */
    pauseBefore?: boolean;
  }[],
): Promise<{ planId: string; name: string }> {
  const ids = await serverIds(request, token, entity);
  const response = await request.post(`${entityPath(entity)}/plans`, {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      name,
      waves: waves.map(wave => ({
        name: wave.name,
        waitFor: wave.waitFor ?? 'LAUNCHED',
        pauseBefore: wave.pauseBefore ?? false,
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

/**
 * Starts an execution through the API; returns the HTTP response. A RECOVERY accepts a
 * data-loss window (`acceptDataLossSeconds`) or is refused.
 */
export async function startExecution(
  request: APIRequestContext,
  token: string,
  entity: string,
  planId: string,
  mode: 'DRILL' | 'RECOVERY' = 'DRILL',
  acceptDataLossSeconds?: number,
) {
  return request.post(`${entityPath(entity)}/plans/${planId}/executions`, {
    headers: {
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': `e2e-${Date.now()}-${Math.random()
        .toString(36)
        .slice(2)}`,
    },
    data: { mode, acceptDataLossSeconds },
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

/** Starts a drill of the plan through the API and waits until it completes or fails. */
export async function runToEnd(
  request: APIRequestContext,
  token: string,
  entity: string,
  planId: string,
) {
  const response = await startExecution(request, token, entity, planId);
  expect(response.status()).toBe(202);
  const { executionId } = await response.json();
  return waitForEnd(request, token, executionId);
}

/** Polls an execution until it completes or fails. */
export async function waitForEnd(
  request: APIRequestContext,
  token: string,
  executionId: string,
) {
  let execution: Execution | undefined;
  await expect
    .poll(
      async () => {
        execution = await getExecution(request, token, executionId);
        return execution.status;
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toMatch(/COMPLETED|FAILED/);
  return execution!;
}

/** How the app shows a timestamp (luxon DATETIME_MED_WITH_SECONDS, en-US) in `timeZone`. */
export function shownTimestamp(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  });
}
