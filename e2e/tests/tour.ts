import { APIRequestContext, Locator, Page } from '@playwright/test';
import {
  BACKEND,
  entityPath,
  entityTab,
  expect,
  fact,
  getExecution,
  guestToken,
  serverIds,
  SIMULATOR,
  startExecution,
  waitForEnd,
} from './fixtures';

/*
 * Every page and dialog of the plugin, reached as a person would, with data that makes them
 * look like a service in use: checkout has a 3-wave plan with a failed and a completed drill,
 * payments has a staged drill paused before its second wave (a running execution). The
 * accessibility, layout and screenshot specs walk the same stops.
 */

const CHECKOUT = 'checkout-service';
const PAYMENTS = 'payments-service';
const CHECKOUT_PAGE = `/catalog/default/component/${CHECKOUT}`;
const PAYMENTS_PAGE = `/catalog/default/component/${PAYMENTS}`;

/** What the tour's stops show; made once per spec file by `prepareTour`. */
export interface TourData {
  /** The checkout plan with drills behind it. */
  sitePlan: string;
  /** Its completed drill. */
  completedId: string;
  /** The payments plan whose drill waits for approval of its second wave. */
  stagedPlan: string;
  /** Its ID, to delete it when the tour ends. */
  stagedPlanId: string;
  /** That drill, PAUSED. */
  pausedId: string;
}

async function postPlan(
  request: APIRequestContext,
  token: string,
  entity: string,
  plan: {
    name: string;
    description: string;
    rto?: string;
    rpo?: string;
    waves: { name: string; hosts: string[]; pauseBefore?: boolean }[];
  },
): Promise<string> {
  const ids = await serverIds(request, token, entity);
  const response = await request.post(`${entityPath(entity)}/plans`, {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      ...plan,
      waves: plan.waves.map(wave => ({
        name: wave.name,
        waitFor: 'LAUNCHED',
        pauseBefore: wave.pauseBefore ?? false,
        sourceServerIds: wave.hosts.map(host => ids[host]),
      })),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).planId;
}

/** Starts a drill through the API; returns its execution ID. */
async function startDrill(
  request: APIRequestContext,
  token: string,
  entity: string,
  planId: string,
): Promise<string> {
  const response = await startExecution(request, token, entity, planId);
  expect(response.status(), await response.text()).toBe(202);
  return (await response.json()).executionId;
}

/**
 * Makes the tour's data: names are stamped, so spec files (and the other specs of a full run)
 * never collide; plans whose names sort first are the ones shown.
 */
export async function prepareTour(
  request: APIRequestContext,
): Promise<TourData> {
  const token = await guestToken(request);
  const stamp = Date.now().toString(36);
  const sitePlan = `Checkout full site ${stamp}`;
  const tiers = ['db', 'app', 'web'];
  const siteId = await postPlan(request, token, CHECKOUT, {
    name: sitePlan,
    description: 'Databases first, then the app tier, then the web tier',
    rto: 'PT30M',
    rpo: 'PT15M',
    waves: tiers.map(tier => ({
      name: tier,
      hosts: [1, 2, 3].map(n => `checkout-${tier}-${n}`),
    })),
  });

  // a drill that failed (DRS fails one launch), then one that completed
  await request.post(`${SIMULATOR}/_sim/faults`, {
    data: { failServers: { 'checkout-web-3': 'launch' } },
  });
  try {
    const failed = await startDrill(request, token, CHECKOUT, siteId);
    expect((await waitForEnd(request, token, failed)).status).toBe('FAILED');
  } finally {
    await request.post(`${SIMULATOR}/_sim/faults`, {
      data: { failServers: {} },
    });
  }
  const completedId = await startDrill(request, token, CHECKOUT, siteId);
  expect((await waitForEnd(request, token, completedId)).status).toBe(
    'COMPLETED',
  );

  // payments-batch-1 is STALLED in the inventory: left out, so pre-flight passes
  const stagedPlan = `Payments staged ${stamp}`;
  const stagedId = await postPlan(request, token, PAYMENTS, {
    name: stagedPlan,
    description: 'The database, then the API once someone approves it',
    waves: [
      { name: 'db', hosts: ['payments-db-1'] },
      {
        name: 'api',
        hosts: ['payments-api-1', 'payments-api-2'],
        pauseBefore: true,
      },
    ],
  });
  const pausedId = await startDrill(request, token, PAYMENTS, stagedId);
  await expect
    .poll(async () => (await getExecution(request, token, pausedId)).status, {
      timeout: 60_000,
    })
    .toBe('PAUSED');
  return {
    sitePlan,
    completedId,
    stagedPlan,
    stagedPlanId: stagedId,
    pausedId,
  };
}

/**
 * Cancels the paused drill, so later specs may drill payments' servers, and deletes its plan:
 * a payments plan that never completed a drill would hold the service's RTO at "never drilled"
 * (the worst of its plans) for the specs that judge payments against its objectives.
 */
export async function endTour(request: APIRequestContext, data: TourData) {
  const token = await guestToken(request);
  const response = await request.post(
    `${BACKEND}/api/drs/executions/${data.pausedId}/cancel`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(response.status(), await response.text()).toBe(202);
  await expect
    .poll(
      async () => (await getExecution(request, token, data.pausedId)).status,
      { timeout: 60_000 },
    )
    .toBe('CANCELLED');
  const plan = `${entityPath(PAYMENTS)}/plans/${data.stagedPlanId}`;
  const headers = { Authorization: `Bearer ${token}` };
  const read = await request.get(plan, { headers });
  expect(read.status(), await read.text()).toBe(200);
  const { version } = await read.json();
  const deleted = await request.delete(`${plan}?version=${version}`, {
    headers,
  });
  expect(deleted.status(), await deleted.text()).toBe(204);
}

/** A stop of the tour: how to get there from anywhere, and what it is called. */
export interface Stop {
  /** Also the screenshot's file name, when it has one. */
  name: string;
  /** Saved under docs/images when the run refreshes the screenshots. */
  screenshot?: boolean;
  /** Opens the page or dialog and waits until its data is shown. */
  open: (page: Page, data: TourData) => Promise<void>;
  /** Closes what `open` opened (a dialog), if anything. */
  close?: (page: Page) => Promise<void>;
}

function planRow(page: Page, plan: string): Locator {
  return page.getByRole('row').filter({ hasText: plan });
}

async function openPlansTab(page: Page, data: TourData) {
  await page.goto(CHECKOUT_PAGE);
  await entityTab(page, 'DR Plans').click();
  await expect(planRow(page, data.sitePlan)).toBeVisible();
  await expect(page.getByText('checkout-web-3').first()).toBeVisible();
}

/** Escape dismisses every dialog of the plugin, as it does any Material UI dialog. */
async function dismissDialog(page: Page) {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
}

/** The plugin's pages and dialogs, in the order a person meets them. */
export const STOPS: Stop[] = [
  {
    name: 'entity-overview',
    screenshot: true,
    open: async page => {
      await page.goto(CHECKOUT_PAGE);
      const card = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'Disaster recovery' });
      await expect(card).toBeVisible();
      await expect(card).toContainText(/COMPLETED|drill/i);
      await card.evaluate(e => e.scrollIntoView({ block: 'center' }));
    },
  },
  { name: 'dr-plans', screenshot: true, open: openPlansTab },
  {
    name: 'plan-editor',
    screenshot: true,
    open: async (page, data) => {
      await openPlansTab(page, data);
      await page.getByRole('button', { name: `Edit ${data.sitePlan}` }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByLabel('Plan name')).toHaveValue(data.sitePlan);
      await expect(dialog.getByRole('group', { name: 'Wave 3' })).toBeVisible();
    },
    close: dismissDialog,
  },
  {
    name: 'plan-editor-new',
    open: async (page, data) => {
      await openPlansTab(page, data);
      await page.getByRole('button', { name: 'New plan' }).click();
      await expect(
        page.getByRole('dialog').getByLabel('Plan name'),
      ).toBeVisible();
    },
    close: dismissDialog,
  },
  {
    name: 'start-dialog',
    screenshot: true,
    open: async (page, data) => {
      await openPlansTab(page, data);
      await planRow(page, data.sitePlan)
        .getByRole('button', { name: `Start ${data.sitePlan}` })
        .click();
      await expect(
        page.getByRole('dialog').getByText('Every server can be launched.'),
      ).toBeVisible();
    },
    close: dismissDialog,
  },
  {
    name: 'delete-plan-confirm',
    open: async (page, data) => {
      await openPlansTab(page, data);
      await page
        .getByRole('button', { name: `Delete ${data.sitePlan}` })
        .click();
      await expect(page.getByRole('dialog')).toContainText(data.sitePlan);
    },
    close: dismissDialog,
  },
  {
    name: 'execution-running',
    screenshot: true,
    open: async (page, data) => {
      await page.goto(`${PAYMENTS_PAGE}/dr-executions/${data.pausedId}`);
      await expect(fact(page, 'Status')).toContainText('PAUSED');
      await expect(
        page.getByRole('button', { name: 'Approve wave api' }),
      ).toBeVisible();
    },
  },
  {
    name: 'approve-confirm',
    open: async (page, data) => {
      await page.goto(`${PAYMENTS_PAGE}/dr-executions/${data.pausedId}`);
      await page.getByRole('button', { name: 'Approve wave api' }).click();
      await expect(
        page
          .getByRole('dialog')
          .getByRole('button', { name: 'Start wave api' }),
      ).toBeVisible();
    },
    close: dismissDialog,
  },
  {
    name: 'cancel-confirm',
    open: async (page, data) => {
      await page.goto(`${PAYMENTS_PAGE}/dr-executions/${data.pausedId}`);
      await page.getByRole('button', { name: 'Cancel execution' }).click();
      await expect(
        page.getByRole('dialog').getByRole('button', { name: 'Keep running' }),
      ).toBeVisible();
    },
    close: dismissDialog,
  },
  {
    name: 'execution-finished',
    open: async (page, data) => {
      await page.goto(`${CHECKOUT_PAGE}/dr-executions/${data.completedId}`);
      await expect(fact(page, 'Status')).toContainText('COMPLETED');
      await expect(fact(page, 'Duration')).not.toContainText('—');
    },
  },
  {
    name: 'history',
    screenshot: true,
    open: async (page, data) => {
      await page.goto(CHECKOUT_PAGE);
      await entityTab(page, 'DR Executions').click();
      await expect(
        page.getByRole('row').filter({ hasText: data.sitePlan }),
      ).toHaveCount(2);
    },
  },
  {
    name: 'ops-page',
    screenshot: true,
    open: async page => {
      await page.goto('/drs');
      await expect(
        page.getByRole('row').filter({ hasText: 'checkout-service' }).first(),
      ).toBeVisible();
      await expect(
        page.getByRole('row').filter({ hasText: 'payments-service' }).first(),
      ).toBeVisible();
    },
  },
];
