import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { rest } from 'msw';
import { setupServer } from 'msw/node';
import { describeError } from '../components/ErrorWithRetry/ErrorWithRetry';
import { issuesOfError } from '../components/PlanEditor/planIssues';
import {
  executionFixture,
  planFixture,
  preflightFixture,
} from '../__testUtils__/fixtures';
import { DrsClient } from './DrsClient';

const baseUrl = 'http://backstage.test/api/drs';
const entity = `${baseUrl}/entities/component/default/checkout`;
const server = setupServer();

function client(timeoutMs?: number) {
  return new DrsClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
    timeoutMs,
  });
}

describe('DrsClient', () => {
  registerMswTestHooks(server);

  it('turns an error answer into a ResponseError carrying the backend message', async () => {
    server.use(
      rest.get(`${entity}/plans`, (_req, res, ctx) =>
        res(
          ctx.status(403),
          ctx.json({
            error: {
              name: 'NotAllowedError',
              message: 'You do not have the drs.read permission',
            },
            response: { statusCode: 403 },
          }),
        ),
      ),
    );
    const error = await client()
      .listPlans('component:default/checkout')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(describeError(error)).toBe(
      'You do not have the drs.read permission',
    );
  });

  it("keeps a failed plan validation's issues, though that answer has no response field", async () => {
    server.use(
      rest.post(`${entity}/plans`, (_req, res, ctx) =>
        res(
          ctx.status(400),
          ctx.json({
            error: {
              name: 'PlanValidationError',
              message: 'The plan has 1 problem',
            },
            issues: [
              {
                path: 'waves[1].sourceServerIds',
                message: 'Server s-0000000000000000a is already in wave "db"',
                severity: 'error',
              },
            ],
          }),
        ),
      ),
    );
    const error = await client()
      .createPlan('component:default/checkout', planFixture)
      .catch(e => e);
    expect(describeError(error)).toBe('The plan has 1 problem');
    expect(issuesOfError(error)).toEqual([
      expect.objectContaining({ path: 'waves[1].sourceServerIds' }),
    ]);
  });

  it('says so when the backend cannot be reached or does not answer in time', async () => {
    server.use(
      rest.get(`${baseUrl}/executions/x`, (_req, res, ctx) =>
        res(ctx.delay(500), ctx.json(executionFixture())),
      ),
      rest.get(`${entity}/plans`, (_req, res) =>
        res.networkError('connection refused'),
      ),
    );
    await expect(
      client().listPlans('component:default/checkout'),
    ).rejects.toThrow(/Could not reach the DRS backend/);
    await expect(client(50).getExecution('x')).rejects.toThrow(
      /did not answer within 0.05 seconds/,
    );
  });

  it('refuses an answer that is not JSON, or lacks what the views need', async () => {
    server.use(
      rest.get(`${entity}/plans`, (_req, res, ctx) =>
        res(
          ctx.set('Content-Type', 'text/html'),
          ctx.body('<html>login</html>'),
        ),
      ),
      rest.get(`${baseUrl}/executions/x`, (_req, res, ctx) =>
        res(ctx.json({ executionId: 'x', status: 'POLLING' })),
      ),
    );
    await expect(
      client().listPlans('component:default/checkout'),
    ).rejects.toThrow(/recovery plans as something other than JSON/);
    await expect(client().getExecution('x')).rejects.toThrow(
      /unexpected format \("waves" is not an array, "polling" is not an object, "requests" is not an object\)/,
    );
  });

  it("sends a pre-flight the start's choices, and reads each server's readiness", async () => {
    const bodies: unknown[] = [];
    server.use(
      rest.post(
        `${entity}/plans/${planFixture.planId}/validate`,
        async (req, res, ctx) => {
          bodies.push(await req.json());
          return res(ctx.json(preflightFixture()));
        },
      ),
    );
    const checked = await client().validateSavedPlan(
      'component:default/checkout',
      planFixture.planId,
      {
        mode: 'DRILL',
        pointInTime: { type: 'before', at: '2026-11-25T00:30:00.000Z' },
        allowDegradedReplication: true,
      },
    );
    expect(checked.worstDataLossSeconds).toBe(2520);
    expect(checked.servers).toHaveLength(3);
    await client().validateSavedPlan(
      'component:default/checkout',
      planFixture.planId,
    );
    expect(bodies).toEqual([
      {
        mode: 'DRILL',
        pointInTime: { type: 'before', at: '2026-11-25T00:30:00.000Z' },
        allowDegradedReplication: true,
      },
      {},
    ]);
  });

  it('sends the idempotency key, the mode and the accepted data loss when starting an execution', async () => {
    const seen: { key: string | null; body: unknown }[] = [];
    server.use(
      rest.post(
        `${entity}/plans/${planFixture.planId}/executions`,
        async (req, res, ctx) => {
          seen.push({
            key: req.headers.get('Idempotency-Key'),
            body: await req.json(),
          });
          return res(ctx.status(202), ctx.json(executionFixture()));
        },
      ),
    );
    const execution = await client().startExecution(
      'component:default/checkout',
      planFixture.planId,
      {
        mode: 'RECOVERY',
        idempotencyKey: 'key-1',
        acceptDataLossSeconds: 2520,
      },
    );
    expect(execution.executionId).toBe(executionFixture().executionId);
    expect(seen).toEqual([
      {
        key: 'key-1',
        body: { mode: 'RECOVERY', acceptDataLossSeconds: 2520 },
      },
    ]);
  });

  it('pages the history with limit, cursor and status', async () => {
    let query = '';
    server.use(
      rest.get(`${entity}/executions`, (req, res, ctx) => {
        query = req.url.search;
        return res(ctx.json({ items: [], nextCursor: undefined }));
      }),
    );
    await client().listExecutions('component:default/checkout', {
      limit: 25,
      cursor: 'abc',
      status: 'FAILED',
    });
    expect(query).toBe('?limit=25&cursor=abc&status=FAILED');
  });

  it('deletes with the version read, and sends control requests', async () => {
    const calls: string[] = [];
    server.use(
      rest.delete(`${entity}/plans/:planId`, (req, res, ctx) => {
        calls.push(`DELETE ${req.url.search}`);
        return res(ctx.status(204));
      }),
      rest.post(`${baseUrl}/executions/x/:action`, async (req, res, ctx) => {
        calls.push(`${req.params.action} ${JSON.stringify(await req.json())}`);
        return res(ctx.status(202), ctx.json(executionFixture()));
      }),
    );
    const api = client();
    await api.deletePlan('component:default/checkout', planFixture.planId, 3);
    await api.cancelExecution('x');
    await api.resumeExecution('x', 'app');
    await api.terminateDrillInstances('x');
    await api.startReverseReplication('x');
    await api.startFailback('x', 'checkout plan');
    await api.terminateRecoveryInstances('x');
    expect(calls).toEqual([
      'DELETE ?version=3',
      'cancel {}',
      'resume {"wave":"app"}',
      'terminate {}',
      'reverse-replication {}',
      'failback {"confirmation":"checkout plan"}',
      'terminate {}',
    ]);
  });

  it('downloads the markdown report under the name the backend chose', async () => {
    server.use(
      rest.get(`${baseUrl}/executions/x/report`, (req, res, ctx) =>
        res(
          ctx.set('Content-Type', 'text/markdown'),
          ctx.set(
            'Content-Disposition',
            'attachment; filename="dr-report-x.md"',
          ),
          ctx.body(`# DR report (${req.url.searchParams.get('format')})`),
        ),
      ),
    );
    const report = await client().downloadExecutionReport('x');
    expect(report.filename).toBe('dr-report-x.md');
    expect(await report.content.text()).toBe('# DR report (markdown)');
  });
});
