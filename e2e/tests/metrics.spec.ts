import {
  createPlan,
  expect,
  getExecution,
  guestToken,
  SIMULATOR,
  startExecution,
  test,
  waitForEnd,
} from './fixtures';

/** The example backend's Prometheus endpoint (packages/backend/src/instrumentation.js). */
const METRICS = `http://127.0.0.1:${
  process.env.DRS_METRICS_PORT ?? 9474
}/metrics`;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus' text format, one sample per line. */
async function scrape(
  request: Parameters<typeof guestToken>[0],
): Promise<Sample[]> {
  const response = await request.get(METRICS);
  expect(response.ok()).toBeTruthy();
  return (await response.text()).split('\n').flatMap(line => {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match) return [];
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [
        k,
        v,
      ]),
    );
    return [{ name: match[1], labels, value: Number(match[3]) }];
  });
}

/** The total of the samples of a series, among those with the given labels. */
function total(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return samples
    .filter(
      s =>
        s.name === name &&
        Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    )
    .reduce((sum, s) => sum + s.value, 0);
}

test('the example backend exports the engine’s cycles, DRS calls, errors and throttles to Prometheus', async ({
  request,
}) => {
  const token = await guestToken(request);
  const plan = await createPlan(
    request,
    token,
    'checkout-service',
    `e2e-metrics-${Date.now()}`,
    [{ name: 'only', hosts: ['checkout-web-2'] }],
  );
  const before = await scrape(request);

  const started = await startExecution(
    request,
    token,
    'checkout-service',
    plan.planId,
  );
  expect(started.status()).toBe(202);
  const { executionId } = await started.json();
  // Once the wave's job runs (a throttled StartRecovery would wait out the launch lease),
  // DRS throttles every call for a few engine cycles (1 s apart here), then recovers.
  await expect
    .poll(
      async () =>
        (
          await getExecution(request, token, executionId)
        ).waves[0].jobId,
      { timeout: 30_000, intervals: [200] },
    )
    .toBeDefined();
  const throttle = (share: number) =>
    request.post(`${SIMULATOR}/_sim/faults`, {
      data: { throttleShare: share },
    });
  try {
    await throttle(1);
    await new Promise(resolve => setTimeout(resolve, 4000));
  } finally {
    await throttle(0);
  }
  const drill = await waitForEnd(request, token, executionId);
  expect(drill.status).toBe('COMPLETED');

  const after = await scrape(request);
  const grew = (name: string, labels?: Record<string, string>) =>
    total(after, name, labels) - total(before, name, labels);
  expect(grew('drs_engine_cycle_duration_count')).toBeGreaterThan(0);
  expect(
    grew('drs_engine_drs_calls_total', { operation: 'StartRecovery' }),
  ).toBeGreaterThanOrEqual(1);
  expect(
    grew('drs_engine_drs_calls_total', { operation: 'DescribeJobs' }),
  ).toBeGreaterThan(0);
  expect(
    grew('drs_engine_drs_errors_total', { error: 'ThrottlingException' }),
  ).toBeGreaterThan(0);
  // Durations are recorded in seconds, each a positive time.
  expect(grew('drs_engine_cycle_duration_sum')).toBeGreaterThan(0);
});
