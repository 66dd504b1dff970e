import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  captureScheduledTasks,
  DRS_ENGINE_TASK_ID,
  localDynamoClients,
} from '@drs-orchestration/drs-testkit';
import request from 'supertest';
import { storedExecution } from './__testUtils__/apiHarness';
import { testEntities } from './__testUtils__/entities';
import { LocalAws, startLocalAws } from './__testUtils__/localAws';
import { drsPlugin } from './plugin';
import { judgeReadiness } from './router/readiness';
import { DynamoEngineHeartbeat } from './services/DynamoStore/DynamoEngineHeartbeat';
import { DynamoExecutionStore } from './services/DynamoStore/DynamoExecutionStore';

const POLL_INTERVAL_SECONDS = 10;

describe('GET /health/readiness', () => {
  let aws: LocalAws;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let runCycle: () => Promise<void>;
  let heartbeat: DynamoEngineHeartbeat;
  let executions: DynamoExecutionStore;

  beforeAll(async () => {
    aws = await startLocalAws({
      drs: {
        engine: { pollIntervalSeconds: POLL_INTERVAL_SECONDS },
        // Only the engine's task: scheduled drills are another task's, off here.
        scheduledDrills: { enabled: false },
      },
    });
    const engine = captureScheduledTasks('drs');
    ({ server } = await startTestBackend({
      features: [
        drsPlugin,
        engine.factory,
        mockServices.rootConfig.factory({ data: aws.config }),
        catalogServiceMock.factory({ entities: testEntities }),
      ],
    }));
    runCycle = async () => {
      await engine.task(DRS_ENGINE_TASK_ID).fn(new AbortController().signal);
    };
    const { documents } = localDynamoClients(aws.dynamodbEndpoint);
    heartbeat = new DynamoEngineHeartbeat(documents, aws.tables.executions);
    executions = new DynamoExecutionStore(documents, aws.tables.executions);
  });
  afterAll(() => aws.stop());

  // Unauthenticated, as a load balancer or a monitor calls it.
  const readiness = () => request(server).get('/api/drs/health/readiness');

  it('is ready before the first cycle while nothing is active, and /health stays liveness', async () => {
    const res = await readiness();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      engine: {
        heartbeat: 'missing',
        pollIntervalSeconds: POLL_INTERVAL_SECONDS,
        staleAfterSeconds: 3 * POLL_INTERVAL_SECONDS,
        activeExecutions: 0,
      },
      // No plan evaluated yet: only how often they will be.
      lastEvaluation: { frequencySeconds: 30 * 60 },
    });
    const live = await request(server).get('/api/drs/health');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
  });

  it("reports the cycle the engine's task just completed", async () => {
    const before = Date.now();
    await runCycle();
    const res = await readiness();
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.engine).toMatchObject({
      heartbeat: 'fresh',
      lastCycle: { executions: 0 },
      activeExecutions: 0,
    });
    const { completedAt, durationMs } = res.body.engine.lastCycle;
    expect(Date.parse(completedAt)).toBeGreaterThanOrEqual(before);
    expect(durationMs).toBeGreaterThanOrEqual(0);
    expect(res.body.engine.ageSeconds).toBeLessThan(POLL_INTERVAL_SECONDS);
  });

  it('turns unhealthy, with the reason, when the engine stopped while executions are active', async () => {
    // The engine's last cycle, four intervals ago: it stopped since.
    const stoppedAt = new Date(Date.now() - 4 * POLL_INTERVAL_SECONDS * 1000);
    await heartbeat.record({
      completedAt: stoppedAt.toISOString(),
      durationMs: 80,
      executions: 0,
      pollIntervalSeconds: POLL_INTERVAL_SECONDS,
    });
    const idle = await readiness();
    expect(idle.status).toBe(200);
    expect(idle.body.engine).toMatchObject({ heartbeat: 'stale' });

    await executions.create(
      storedExecution({
        status: 'POLLING',
        createdAt: new Date(),
        waves: [{ name: 'db', sourceServerIds: [], status: 'PENDING' }],
      }),
    );
    const stopped = await readiness();
    expect(stopped.status).toBe(503);
    expect(stopped.body).toMatchObject({
      status: 'error',
      engine: {
        heartbeat: 'stale',
        lastCycle: { completedAt: stoppedAt.toISOString(), durationMs: 80 },
        activeExecutions: 1,
      },
    });
    expect(stopped.body.engine.ageSeconds).toBeGreaterThanOrEqual(40);
    expect(stopped.body.message).toMatch(
      /^The DRS engine has not completed a cycle for 4\d s \(more than 30 s, 3 poll intervals\) while 1 execution\(s\) are active$/,
    );

    // The engine comes back: its next cycle makes the backend ready again.
    await runCycle();
    const back = await readiness();
    expect(back.status).toBe(200);
    expect(back.body.engine).toMatchObject({
      heartbeat: 'fresh',
      lastCycle: { executions: 1 },
    });
  });

  it('refuses a query, as every route does', async () => {
    const res = await request(server).get('/api/drs/health/readiness?x=1');
    expect(res.status).toBe(400);
  });
});

describe('judgeReadiness', () => {
  const now = new Date('2026-12-06T10:00:00.000Z');

  it('is not ready when no cycle ever completed while executions are active', () => {
    expect(judgeReadiness({ activeExecutions: 2 }, 15, now)).toEqual({
      status: 'error',
      message:
        'The DRS engine has not completed a cycle yet (more than 45 s, 3 poll intervals) while 2 execution(s) are active',
      engine: {
        heartbeat: 'missing',
        pollIntervalSeconds: 15,
        staleAfterSeconds: 45,
        activeExecutions: 2,
      },
    });
  });

  it('is ready at the threshold, and when the stores keep no heartbeat', () => {
    const lastCycle = {
      completedAt: new Date(now.getTime() - 45_000).toISOString(),
      durationMs: 10,
      executions: 3,
      pollIntervalSeconds: 15,
    };
    expect(
      judgeReadiness({ lastCycle, activeExecutions: 3 }, 15, now),
    ).toMatchObject({
      status: 'ok',
      engine: { heartbeat: 'fresh', ageSeconds: 45 },
    });
    expect(judgeReadiness(undefined, 15, now)).toEqual({
      status: 'ok',
      engine: {
        heartbeat: 'untracked',
        pollIntervalSeconds: 15,
        staleAfterSeconds: 45,
      },
    });
  });
});
