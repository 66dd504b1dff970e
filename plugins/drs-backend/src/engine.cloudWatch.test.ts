import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { isTerminalExecutionStatus } from '@drs-orchestration/plugin-drs-common';
import {
  captureScheduledTasks,
  DRS_ENGINE_TASK_ID,
} from '@drs-orchestration/drs-testkit';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import {
  entityPath,
  planOfCheckout,
  testPermissions,
  users,
} from './__testUtils__/apiHarness';
import { testEntities } from './__testUtils__/entities';
import { LocalAws, startLocalAws } from './__testUtils__/localAws';
import { drsPlugin } from './plugin';
import { CLOUDWATCH_METRIC_NAMES } from './services/Engine/cloudWatch';

const NAMESPACE = 'DRSOrchestration';
const checkout = entityPath('checkout');

describe('CloudWatch metrics of the engine', () => {
  let aws: LocalAws;

  afterEach(() => aws?.stop());

  async function start(cloudWatch?: JsonObject) {
    aws = await startLocalAws({
      // Only the engine's task: scheduled drills are another task's, off here.
      drs: {
        engine: { pollIntervalSeconds: 15 },
        scheduledDrills: { enabled: false },
      },
    });
    const config = aws.config as { drs: JsonObject };
    if (cloudWatch) {
      config.drs.cloudWatch = {
        ...cloudWatch,
        endpoint: aws.simulator.endpoint,
      };
    }
    const engine = captureScheduledTasks('drs');
    const { server } = await startTestBackend({
      features: [
        drsPlugin,
        engine.factory,
        mockServices.rootConfig.factory({ data: aws.config }),
        catalogServiceMock.factory({ entities: testEntities }),
        testPermissions.factory,
      ],
    });
    const api = (method: 'get' | 'post', path: string) =>
      request(server)
        [method](`/api/drs${path}`)
        .set('Authorization', mockCredentials.user.header(users.owner));
    return {
      api,
      runCycle: async () => {
        await engine.task(DRS_ENGINE_TASK_ID).fn(new AbortController().signal);
      },
    };
  }

  it('sends one PutMetricData per completed cycle, never per execution, through a drill', async () => {
    const { api, runCycle } = await start({ namespace: NAMESPACE });
    const servers = (await api('get', `${checkout}/source-servers`)).body.items;
    const plan = await api('post', `${checkout}/plans`).send(
      planOfCheckout(servers),
    );
    const drill = await api(
      'post',
      `${checkout}/plans/${plan.body.planId}/executions`,
    ).send({});
    expect(drill.status).toBe(202);

    let cycles = 0;
    let status = drill.body.status;
    while (!isTerminalExecutionStatus(status) && cycles < 100) {
      await runCycle();
      cycles++;
      aws.simulator.advance(120);
      status = (await api('get', `/executions/${drill.body.executionId}`)).body
        .status;
    }
    expect(status).toBe('COMPLETED');
    await runCycle(); // a cycle with nothing left to drive
    cycles++;

    const calls = aws.simulator.calls();
    expect(calls.byOperation.PutMetricData).toBe(cycles);
    expect(calls.metricData).toHaveLength(cycles);
    for (const batch of calls.metricData) {
      expect(batch.namespace).toBe(NAMESPACE);
      expect(batch.metricData.map(d => [d.MetricName, d.Unit])).toEqual([
        [CLOUDWATCH_METRIC_NAMES.heartbeat, 'Count'],
        [CLOUDWATCH_METRIC_NAMES.cycleDuration, 'Seconds'],
        [CLOUDWATCH_METRIC_NAMES.drsErrors, 'Count'],
        [CLOUDWATCH_METRIC_NAMES.throttles, 'Count'],
        [CLOUDWATCH_METRIC_NAMES.activeExecutions, 'Count'],
      ]);
    }
    const values = (name: string) =>
      calls.metricData.map(
        batch => batch.metricData.find(d => d.MetricName === name)!.Value,
      );
    expect(new Set(values(CLOUDWATCH_METRIC_NAMES.heartbeat))).toEqual(
      new Set([1]),
    );
    // The drill is active in every cycle but the last; one execution, one datum.
    expect(values(CLOUDWATCH_METRIC_NAMES.activeExecutions)).toEqual([
      ...Array(cycles - 1).fill(1),
      0,
    ]);
    expect(values(CLOUDWATCH_METRIC_NAMES.drsErrors).every(v => v === 0)).toBe(
      true,
    );
    for (const seconds of values(CLOUDWATCH_METRIC_NAMES.cycleDuration)) {
      expect(seconds).toBeGreaterThanOrEqual(0);
      expect(seconds).toBeLessThan(15);
    }
  });

  it('counts DRS errors and throttles of the cycle, and sends nothing unconfigured', async () => {
    const { api, runCycle } = await start({ namespace: NAMESPACE });
    const servers = (await api('get', `${checkout}/source-servers`)).body.items;
    const plan = await api('post', `${checkout}/plans`).send(
      planOfCheckout(servers),
    );
    await api('post', `${checkout}/plans/${plan.body.planId}/executions`).send(
      {},
    );
    await runCycle();
    aws.simulator.setFaults({ throttleShare: 1 });
    // The throttle storm throttles PutMetricData too: that cycle's datums are not sent, and its
    // errors are counted in the next cycle's.
    await runCycle();
    aws.simulator.setFaults({ throttleShare: 0 });
    expect(aws.simulator.calls().metricData).toHaveLength(1);
    await runCycle();
    const [, throttled] = aws.simulator.calls().metricData;
    const value = (name: string) =>
      throttled.metricData.find(d => d.MetricName === name)!.Value;
    expect(value(CLOUDWATCH_METRIC_NAMES.throttles)).toBeGreaterThan(0);
    expect(value(CLOUDWATCH_METRIC_NAMES.drsErrors)).toBeGreaterThanOrEqual(
      value(CLOUDWATCH_METRIC_NAMES.throttles)!,
    );
    await aws.stop();

    const quiet = await start();
    await quiet.runCycle();
    expect(aws.simulator.calls().byOperation.PutMetricData).toBeUndefined();
  });
});
