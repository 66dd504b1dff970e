import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DEFAULT_DRS_QUOTAS,
  DRS_SCHEDULER_PRINCIPAL,
  RecoveryPlan,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { TEST_REGION } from '@drs-orchestration/drs-testkit';
import {
  ApiHarness,
  checkoutRef,
  entityPath,
  planOfCheckout,
  startApiHarness,
  users,
} from './__testUtils__/apiHarness';
import { testEntities } from './__testUtils__/entities';
import { localDrsGateway } from './__testUtils__/localAws';
import { createDrillScheduler } from './services/DrillScheduler/createDrillScheduler';
import { createEntityResolver } from './services/EntityResolver/createEntityResolver';
import { createExecutionService } from './services/ExecutionService/createExecutionService';

const checkout = entityPath('checkout');
const DAY = 86_400_000;

describe('scheduled drills', () => {
  let h: ApiHarness;
  let servers: SourceServer[];

  beforeAll(async () => {
    h = await startApiHarness();
    servers = await h.checkoutServers();
  });
  afterAll(() => h.stop());

  const savePlan = (drillSchedule: object) =>
    h
      .api(users.owner)
      .post(`${checkout}/plans`)
      .send({ ...planOfCheckout(servers, 'Weekly'), drillSchedule });

  it.each([
    [{ cron: '0 3 * * 8', timeZone: 'UTC' }, 'drillSchedule.cron'],
    [
      { cron: '0 3 * * 1', timeZone: 'Europe/Atlantis' },
      'drillSchedule.timeZone',
    ],
    [{ every: '30 days', timeZone: 'UTC' }, 'drillSchedule.every'],
  ])(
    'refuses the schedule %j with a 400 naming %s',
    async (schedule, field) => {
      const before = await h.snapshotTables();
      const res = await savePlan(schedule);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(`${field}:`);
      expect(await h.snapshotTables()).toEqual(before);
    },
  );

  it('starts a due drill exactly once, as the scheduler, announced before and reported after', async () => {
    const created = await savePlan({ every: 'P7D', timeZone: 'Europe/Berlin' });
    expect(created.status).toBe(201);
    const plan: RecoveryPlan = created.body;
    expect(plan.drillSchedule).toEqual({
      every: 'P7D',
      timeZone: 'Europe/Berlin',
      enabled: true,
    });
    const due = Date.parse(plan.updatedAt) + 7 * DAY;

    let now = new Date(due - 30 * 60_000);
    const sent: Parameters<NotificationService['send']>[0][] = [];
    const auditor = mockServices.auditor.mock();
    const replica = () =>
      createDrillScheduler({
        plans: h.plans,
        history: h.executions,
        executions: createExecutionService({
          plans: h.plans,
          executions: h.executions,
          gateway: localDrsGateway(h.aws.simulator.endpoint),
          quotas: DEFAULT_DRS_QUOTAS,
          triggerEngine: async () => {},
          now: () => now,
        }),
        entities: createEntityResolver({
          catalog: catalogServiceMock({ entities: testEntities }),
          defaultRegion: TEST_REGION,
        }),
        auth: mockServices.auth(),
        auditor,
        notifications: {
          send: async notification => {
            sent.push(notification);
          },
        },
        logger: mockServices.logger.mock(),
        notifyLeadMinutes: 60,
        now: () => now,
      });
    const [a, b] = [replica(), replica()];

    // Half an hour before: the owners hear of it once, whichever replica runs.
    const early = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(early.flatMap(p => p.announced)).toEqual([plan.planId]);
    expect(early.flatMap(p => p.started)).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({
      type: 'entity',
      entityRef: checkoutRef,
    });
    expect(sent[0].payload.title).toContain('Scheduled DR drill of Weekly');

    // Due: two replicas race, one drill starts.
    now = new Date(due + 60_000);
    const passes = await Promise.all([a.runOnce(), b.runOnce()]);
    const started = passes.flatMap(p => p.started);
    expect(started).toHaveLength(1);
    expect(passes.flatMap(p => p.refused)).toEqual([]);
    const execution = await h.executions.get(started[0]);
    expect(execution).toMatchObject({
      planId: plan.planId,
      mode: 'DRILL',
      initiatedBy: DRS_SCHEDULER_PRINCIPAL,
      drillCleanup: { keepAliveSeconds: 0, status: 'WAITING' },
    });
    expect(auditor.createEvent).toHaveBeenCalledTimes(1);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'drill-start',
        meta: expect.objectContaining({
          planId: plan.planId,
          initiatedBy: DRS_SCHEDULER_PRINCIPAL,
        }),
      }),
    );
    const stored = await h.plans.get(checkoutRef, plan.planId);
    expect(stored.drillScheduleState).toMatchObject({
      lastExecutionId: execution.executionId,
      lastDueAt: new Date(due).toISOString(),
    });
    // The plan's version is the person's: the scheduler's record never changes it.
    expect(stored.version).toBe(plan.version);

    // Running again in the same minute starts nothing.
    expect((await a.runOnce()).started).toEqual([]);

    // The backend was down for three weeks after the drill: one drill, not three.
    await h.finish(execution.executionId);
    now = new Date(due + 28 * DAY);
    const after = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(after.flatMap(p => p.started)).toHaveLength(1);
    expect((await b.runOnce()).started).toEqual([]);
    await h.finish(after.flatMap(p => p.started)[0]);
  });

  it('starts nothing from a disabled schedule, and shows it on the health answer', async () => {
    const created = await savePlan({
      cron: '0 3 * * 1',
      timeZone: 'UTC',
      enabled: false,
    });
    expect(created.status).toBe(201);
    const health = await h.api(users.viewer).get(`${checkout}/dr-health`);
    expect(health.status).toBe(200);
    expect(health.body.drillSchedules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          planId: created.body.planId,
          enabled: false,
          overdue: false,
        }),
      ]),
    );

    // A plan saved without a schedule has none: PUT replaces it.
    const { planId, version, drillSchedule: _dropped } = created.body;
    const saved = await h
      .api(users.owner)
      .put(`${checkout}/plans/${planId}`)
      .send({ ...planOfCheckout(servers, 'Weekly'), version });
    expect(saved.status).toBe(200);
    expect(saved.body).not.toHaveProperty('drillSchedule');
    expect(
      (await h.plans.get(checkoutRef, planId)).drillSchedule,
    ).toBeUndefined();
  });
});
