import { Page } from '@playwright/test';
import type { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  createPlan,
  expect,
  fact,
  getExecution,
  guestToken,
  startExecution,
  test,
} from './fixtures';

test('three services’ drills run at the same time and each ends on its own terms', async ({
  signedIn: page,
  request,
  context,
}) => {
  const token = await guestToken(request);
  const stamp = Date.now();
  const plans = {
    'checkout-service': await createPlan(
      request,
      token,
      'checkout-service',
      `e2e-conc-checkout-${stamp}`,
      [
        { name: 'db', hosts: ['checkout-db-2'] },
        { name: 'app', hosts: ['checkout-app-2'] },
        { name: 'web', hosts: ['checkout-web-1'] },
      ],
    ),
    // payments-batch-1 is STALLED: left out, so the pre-flight passes
    'payments-service': await createPlan(
      request,
      token,
      'payments-service',
      `e2e-conc-payments-${stamp}`,
      [
        { name: 'db', hosts: ['payments-db-1'] },
        { name: 'api', hosts: ['payments-api-1', 'payments-api-2'] },
      ],
    ),
    // inventory-db-2 fails in cleanup by design of the inventory: this one ends FAILED
    'inventory-service': await createPlan(
      request,
      token,
      'inventory-service',
      `e2e-conc-inventory-${stamp}`,
      [
        { name: 'db', hosts: ['inventory-db-1', 'inventory-db-2'] },
        { name: 'web', hosts: ['inventory-web-1'] },
      ],
    ),
  };
  const expectedEnd: Record<string, string> = {
    'checkout-service': 'COMPLETED',
    'payments-service': 'COMPLETED',
    'inventory-service': 'FAILED',
  };

  // start all three back to back
  const ids: Record<string, string> = {};
  for (const [entity, plan] of Object.entries(plans)) {
    const response = await startExecution(request, token, entity, plan.planId);
    expect(response.status(), await response.text()).toBe(202);
    ids[entity] = (await response.json()).executionId;
  }
  expect(new Set(Object.values(ids)).size).toBe(3);

  // while they run, they overlap in time: each was running when another was
  const running = await Promise.all(
    Object.values(ids).map(id => getExecution(request, token, id)),
  );
  expect(
    running.filter(e => ['PENDING', 'POLLING'].includes(e.status)).length,
    `statuses right after start: ${running.map(e => e.status)}`,
  ).toBeGreaterThanOrEqual(2);

  // one page per execution, all open at once
  const pages: Record<string, Page> = {};
  for (const entity of Object.keys(plans)) {
    const p = entity === 'checkout-service' ? page : await context.newPage();
    await p.goto(
      `/catalog/default/component/${entity}/dr-executions/${ids[entity]}`,
    );
    pages[entity] = p;
  }

  for (const [entity, p] of Object.entries(pages)) {
    await expect(fact(p, 'Status')).toContainText(expectedEnd[entity], {
      timeout: 100_000,
    });
  }

  const finished = Object.fromEntries(
    await Promise.all(
      Object.entries(ids).map(
        async ([entity, id]): Promise<[string, Execution]> => [
          entity,
          await getExecution(request, token, id),
        ],
      ),
    ),
  );
  for (const [entity, execution] of Object.entries(finished)) {
    expect(execution.status, entity).toBe(expectedEnd[entity]);
    expect(execution.entityRef).toBe(`component:default/${entity}`);
    // each execution only touched its own plan's servers
    const hosts = execution.waves.flatMap(w => w.servers.map(s => s.hostname));
    for (const host of hosts) expect(host).toContain(entity.split('-')[0]);
  }
  // they overlapped: each started before the others ended
  const spans = Object.values(finished).map(e => [
    Date.parse(e.startedAt ?? e.createdAt),
    Date.parse(e.endedAt!),
  ]);
  for (const [start] of spans)
    for (const [, end] of spans) expect(start).toBeLessThan(end);

  expect(finished['inventory-service'].statusReason).toContain(
    'inventory-db-2',
  );
  // the failure of one did not leak into the others' pages
  await expect(
    pages['inventory-service'].getByRole('button', { name: /^Wave db / }),
  ).toContainText('FAILED');
  await expect(
    pages['checkout-service'].getByRole('button', { name: /^Wave web / }),
  ).toContainText('COMPLETED');
  await expect(
    pages['payments-service'].getByRole('button', { name: /^Wave api / }),
  ).toContainText('COMPLETED');
  console.log(
    `concurrent: ${Object.entries(finished)
      .map(([entity, e]) => `${entity} ${e.status} ${e.statusReason ?? ''}`)
      .join('; ')}`,
  );
  for (const p of Object.values(pages)) if (p !== page) await p.close();
});
