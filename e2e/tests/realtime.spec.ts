import {
  createPlan,
  expect,
  getExecution,
  guestToken,
  startExecution,
  test,
} from './fixtures';

test('a wave completing in DRS shows in the open page within seconds', async ({
  signedIn: page,
  request,
}) => {
  const token = await guestToken(request);
  const plan = await createPlan(
    request,
    token,
    'checkout-service',
    `e2e-realtime-${Date.now()}`,
    [
      { name: 'first', hosts: ['checkout-db-1'] },
      { name: 'second', hosts: ['checkout-app-1'] },
    ],
  );
  const started = await startExecution(
    request,
    token,
    'checkout-service',
    plan.planId,
  );
  expect(started.status()).toBe(202);
  const { executionId } = await started.json();

  await page.goto(
    `/catalog/default/component/checkout-service/dr-executions/${executionId}`,
  );
  const header = page.getByRole('button', { name: /^Wave second / });
  await expect(header).toBeVisible();

  // Poll the API and the DOM side by side until both show the second wave COMPLETED.
  let apiSeenAt: number | undefined;
  let apiEndedAt: number | undefined;
  let domSeenAt: number | undefined;
  const deadline = Date.now() + 90_000;
  while (apiSeenAt === undefined || domSeenAt === undefined) {
    expect(Date.now()).toBeLessThan(deadline);
    const [execution, text] = await Promise.all([
      getExecution(request, token, executionId),
      header.textContent(),
    ]);
    const now = Date.now();
    const wave = execution.waves.find(w => w.name === 'second');
    if (apiSeenAt === undefined && wave?.status === 'COMPLETED') {
      apiSeenAt = now;
      apiEndedAt = Date.parse(wave.endedAt!);
    }
    if (domSeenAt === undefined && text?.includes('COMPLETED')) domSeenAt = now;
    await page.waitForTimeout(100);
  }
  const sinceRecorded = domSeenAt - apiEndedAt!;
  const sinceApi = domSeenAt - apiSeenAt;
  console.log(
    `real-time delay: DOM showed wave COMPLETED ${sinceRecorded} ms after the engine recorded it (wave endedAt), ${sinceApi} ms after the API first answered COMPLETED`,
  );
  // Without signals the page would poll every 10 s; the change must arrive well within that.
  expect(sinceRecorded).toBeLessThan(8_000);
  // The execution itself ends live as well
  await expect(
    page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Status', exact: true }) })
      .first(),
  ).toContainText('COMPLETED');
});
