import {
  coreServices,
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Execution,
  SourceServer,
  SourceServerSelector,
} from '@drs-orchestration/plugin-drs-common';
import request from 'supertest';
import drsPlugin, {
  createDefaultDrsGateway,
  createDynamoDrsStores,
  drsAwsCredentialsServiceRef,
  drsGatewayServiceRef,
  drsStoresServiceRef,
  DrsGateway,
  DrsLocation,
} from '.';
import { planOfCheckout } from './__testUtils__/apiHarness';
import { testEntities } from './__testUtils__/entities';
import { localDynamoClients } from '@drs-orchestration/drs-testkit';
import { LocalAws, startLocalAws } from './__testUtils__/localAws';

const checkoutPath = '/api/drs/entities/component/default/checkout';
const asAlice = mockCredentials.user.header('user:default/alice');

/** An adopter's own gateway, a class: it answers source servers from its own inventory. */
class InventoryGateway {
  readonly asked: DrsLocation[] = [];

  async describeSourceServers(
    location: DrsLocation,
    _selector: SourceServerSelector,
  ): Promise<SourceServer[]> {
    this.asked.push(location);
    return [
      {
        sourceServerId: 's-0000000000000ad01',
        hostname: 'adopter-inventory-1',
        replicationState: 'CONTINUOUS',
        lagSeconds: 1,
        tags: { Application: 'checkout' },
      },
    ];
  }
}

describe('the service refs an adopter replaces', () => {
  let aws: LocalAws;

  beforeAll(async () => {
    aws = await startLocalAws();
  });
  afterAll(async () => {
    await aws.stop();
  });

  function startBackend(options: {
    drs?: object;
    features?: Parameters<typeof startTestBackend>[0]['features'];
  }) {
    const config = aws.config as { drs: object };
    return startTestBackend({
      features: [
        drsPlugin,
        mockServices.rootConfig.factory({
          data: { ...aws.config, drs: { ...config.drs, ...options.drs } },
        }),
        catalogServiceMock.factory({ entities: testEntities }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        ...(options.features ?? []),
      ],
    });
  }

  it("answers from an adopter's gateway given for drsGatewayServiceRef", async () => {
    const gateway = new InventoryGateway();
    const { server } = await startBackend({
      features: [
        createServiceFactory({
          service: drsGatewayServiceRef,
          deps: {},
          factory: () => gateway as unknown as DrsGateway,
        }),
      ],
    });
    const res = await request(server)
      .get(`${checkoutPath}/source-servers`)
      .set('Authorization', asAlice);
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: SourceServer) => s.hostname)).toEqual([
      'adopter-inventory-1',
    ]);
    expect(gateway.asked).toEqual([
      { accountId: '111122223333', region: 'us-east-1' },
    ]);
  });

  it('reads plans through stores an adopter wraps around createDynamoDrsStores', async () => {
    const listed: string[] = [];
    const { server } = await startBackend({
      features: [
        createServiceFactory({
          service: drsStoresServiceRef,
          deps: {},
          async factory() {
            const stores = await createDynamoDrsStores({
              client: localDynamoClients(aws.dynamodbEndpoint).dynamo,
              tablePrefix: 'adopter-',
              createTables: true,
            });
            const listForEntity = stores.plans.listForEntity.bind(stores.plans);
            stores.plans.listForEntity = async entityRef => {
              listed.push(entityRef);
              return listForEntity(entityRef);
            };
            return stores;
          },
        }),
      ],
    });
    const res = await request(server)
      .get(`${checkoutPath}/plans`)
      .set('Authorization', asAlice);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(listed).toEqual(['component:default/checkout']);
  });

  it('gives up on a DRS call after drs.requestTimeoutSeconds', async () => {
    aws.simulator.setFaults({ latencyMs: 1000 });
    try {
      const { server } = await startBackend({
        drs: { requestTimeoutSeconds: 0.2 },
      });
      const res = await request(server)
        .get(`${checkoutPath}/source-servers`)
        .set('Authorization', asAlice);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain(
        'could not be reached (TimeoutError',
      );
    } finally {
      aws.simulator.setFaults({ latencyMs: 0 });
    }
  });

  it('relaunches a wave whose StartRecovery never reached DRS once drs.engine.launchLeaseSeconds has passed', async () => {
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const scheduler = mockServices.scheduler.mock({
      async scheduleTask(task) {
        tasks.push(task);
      },
    });
    let startRecoveryCalls = 0;
    const { server } = await startBackend({
      drs: { engine: { enabled: true, launchLeaseSeconds: 1 } },
      features: [
        scheduler.factory,
        // The default gateway, wrapped: its first launch dies before reaching DRS.
        createServiceFactory({
          service: drsGatewayServiceRef,
          deps: {
            config: coreServices.rootConfig,
            credentialsManager: drsAwsCredentialsServiceRef,
          },
          factory({ config, credentialsManager }) {
            const gateway = createDefaultDrsGateway({
              credentialsManager,
              endpoint: config.getString('drs.endpoint'),
              defaultAccountId: config.getString('drs.defaultAccountId'),
            });
            return {
              ...gateway,
              async startRecovery(location, launch) {
                startRecoveryCalls++;
                if (startRecoveryCalls === 1) {
                  throw new Error('process killed before StartRecovery');
                }
                return gateway.startRecovery(location, launch);
              },
            };
          },
        }),
      ],
    });
    const api = (path: string) =>
      request(server).get(`/api/drs${path}`).set('Authorization', asAlice);
    const servers: SourceServer[] = (
      await api('/entities/component/default/checkout/source-servers')
    ).body.items;
    const plan = await request(server)
      .post(`${checkoutPath}/plans`)
      .set('Authorization', asAlice)
      .send(planOfCheckout(servers, 'Lease'));
    const started = await request(server)
      .post(`${checkoutPath}/plans/${plan.body.planId}/executions`)
      .set('Authorization', asAlice)
      .send({ mode: 'DRILL' });
    expect(started.status).toBe(202);
    const read = async (): Promise<Execution> =>
      (await api(`/executions/${started.body.executionId}`)).body;

    // The start drives the execution at once: the intent is written, the launch is lost.
    let afterLoss = await read();
    for (let i = 0; i < 50 && !afterLoss.polling.lastError; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      afterLoss = await read();
    }
    expect(afterLoss.waves[0].launchIntentAt).toBeDefined();
    expect(afterLoss.waves[0].jobId).toBeUndefined();

    await new Promise(resolve => setTimeout(resolve, 1200));
    expect(tasks.map(t => t.id)).toEqual([
      'drs-execution-engine',
      'drs-drill-scheduler',
      'drs-plan-evaluation',
    ]);
    // Due drills start from a global task: one replica starts each; plans are evaluated so too.
    expect(tasks[1]).toMatchObject({ scope: 'global' });
    expect(tasks[2]).toMatchObject({
      scope: 'global',
      frequency: { seconds: 30 * 60 },
    });
    await tasks[0].fn(new AbortController().signal);
    expect((await read()).waves[0].jobId).toMatch(/^drsjob-/);
    expect(startRecoveryCalls).toBe(2);
  });
});
