import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  drsReadPermission,
  drsRecoveryStartPermission,
  Execution,
  ExecutionMode,
  ExecutionStatus,
  newExecution,
  SourceServer,
  WaveStatus,
} from '@drs-orchestration/plugin-drs-common';
import { randomUUID } from 'crypto';
import request from 'supertest';
import { drsPlugin } from '../plugin';
import { DynamoExecutionStore } from '../services/DynamoStore/DynamoExecutionStore';
import { DynamoPlanStore } from '../services/DynamoStore/DynamoPlanStore';
import { testEntities } from './entities';
import {
  localDynamoClients,
  TEST_REGION,
} from '@drs-orchestration/drs-testkit';
import { startLocalAws } from './localAws';

/** The people of the API tests; `allowedByTestPolicy` says what each may do. */
export const users = {
  /** Owns checkout: reads it, manages its plans, starts and controls drills; no real recovery. */
  owner: 'user:default/alice',
  /** Reads every service, changes nothing. */
  viewer: 'user:default/bob',
  /** Site reliability engineer: everything on every service, real recovery included. */
  sre: 'user:default/sam',
  /** May do nothing. */
  stranger: 'user:default/mallory',
};

export const checkoutRef = 'component:default/checkout';
export const paymentsRef = 'component:default/payments';

/** A small permission policy in the shape of a real one: who, which permission, which entity. */
export function allowedByTestPolicy(
  user: string | undefined,
  permission: string,
  entityRef: string | undefined,
): boolean {
  switch (user) {
    case users.sre:
      return true;
    case users.viewer:
      return permission === drsReadPermission.name;
    case users.owner:
      return (
        entityRef === checkoutRef &&
        permission !== drsRecoveryStartPermission.name
      );
    default:
      return false;
  }
}

export const testPermissions = mockServices.permissions.mock({
  authorize: async (requests, { credentials }) => {
    const user = (credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    return requests.map(r => ({
      result: allowedByTestPolicy(
        user,
        r.permission.name,
        'resourceRef' in r ? r.resourceRef : undefined,
      )
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    }));
  },
});

/** `/entities/component/default/<name>`, as the routes address an entity. */
export const entityPath = (name: string) =>
  `/entities/component/default/${name}`;

/** A valid plan of checkout: its servers by tier, database first. */
export function planOfCheckout(servers: SourceServer[], name = 'Checkout') {
  return {
    name,
    description: 'Database first, then app, then web',
    waves: ['db', 'app', 'web'].map(tier => ({
      name: tier,
      sourceServerIds: servers
        .filter(s => s.tags.Tier === tier)
        .map(s => s.sourceServerId),
    })),
  };
}

export interface StoredWave {
  name: string;
  sourceServerIds: string[];
  status?: WaveStatus;
  pauseBefore?: boolean;
  /** Seconds after the execution's creation. */
  startedAfter?: number;
  endedAfter?: number;
  /** Marks every server LAUNCHED with a recovery instance, as after a launch. */
  launched?: boolean;
}

/** An execution as the engine would have left it, for routes that read history or control runs. */
export function storedExecution(options: {
  entityRef?: string;
  planId?: string;
  planName?: string;
  mode?: ExecutionMode;
  status: ExecutionStatus;
  createdAt: Date;
  waves: StoredWave[];
  /** Seconds after creation; absent while still running. */
  endedAfter?: number;
}): Execution {
  const { createdAt } = options;
  const after = (seconds?: number) =>
    seconds === undefined
      ? undefined
      : new Date(createdAt.getTime() + seconds * 1000).toISOString();
  const execution = newExecution({
    executionId: randomUUID(),
    plan: {
      planId: options.planId ?? randomUUID(),
      entityRef: options.entityRef ?? checkoutRef,
      name: options.planName ?? 'Stored plan',
      description: '',
      defaultMode: 'DRILL',
      timeoutMinutes: 360,
      waves: options.waves.map(w => ({
        name: w.name,
        sourceServerIds: w.sourceServerIds,
        waitFor: 'LAUNCHED',
        pauseBefore: w.pauseBefore ?? false,
        dependsOn: [],
      })),
      createdAt: createdAt.toISOString(),
      createdBy: users.owner,
      updatedAt: createdAt.toISOString(),
      updatedBy: users.owner,
      version: 1,
    },
    mode: options.mode ?? 'DRILL',
    initiatedBy: users.owner,
    region: TEST_REGION,
    servers: [],
    now: createdAt,
  });
  execution.status = options.status;
  execution.startedAt = after(0);
  execution.endedAt = after(options.endedAfter);
  options.waves.forEach((spec, i) => {
    const wave = execution.waves[i];
    wave.status = spec.status ?? 'PENDING';
    wave.startedAt = after(spec.startedAfter);
    wave.endedAt = after(spec.endedAfter);
    if (spec.launched) {
      wave.servers = wave.servers.map((server, n) => ({
        ...server,
        status: 'LAUNCHED',
        launchStatus: 'LAUNCHED',
        launchedAt: after(spec.startedAfter ?? 0),
        recoveryInstanceId: `i-${String(i * 100 + n).padStart(17, '0')}`,
        ec2InstanceId: `i-${String(i * 100 + n).padStart(17, '0')}`,
      }));
    }
  });
  return execution;
}

/**
 * The whole plugin in a test backend, against dynalite and the DRS simulator on loopback, with
 * `testPermissions` deciding. `api(user)` calls it as that user; `api()` without credentials.
 * `entities` replaces the catalog of the tests; `drs` replaces the keys of the plugin's `drs`
 * section that the kit sets (the engine off).
 */
export async function startApiHarness(
  options: { entities?: Entity[]; drs?: JsonObject } = {},
) {
  const aws = await startLocalAws(options.drs && { drs: options.drs });
  const { server } = await startTestBackend({
    features: [
      drsPlugin,
      mockServices.rootConfig.factory({ data: aws.config }),
      catalogServiceMock.factory({
        entities: options.entities ?? testEntities,
      }),
      testPermissions.factory,
    ],
  });
  const { documents } = localDynamoClients(aws.dynamodbEndpoint);

  function api(user?: string) {
    const call =
      (method: 'get' | 'post' | 'put' | 'delete' | 'patch') =>
      (path: string) => {
        // Without any header the test backend would act as a default mock user.
        return request(server)
          [method](`/api/drs${path}`)
          .set(
            'Authorization',
            user
              ? mockCredentials.user.header(user)
              : mockCredentials.none.header(),
          );
      };
    return {
      get: call('get'),
      post: call('post'),
      put: call('put'),
      delete: call('delete'),
      patch: call('patch'),
    };
  }

  async function scanAll(tableName: string) {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documents.send(
        new ScanCommand({
          TableName: tableName,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items
      .map(item => JSON.stringify(item))
      .sort((a, b) => a.localeCompare(b));
  }

  const executions = new DynamoExecutionStore(documents, aws.tables.executions);
  return {
    aws,
    api,
    plans: new DynamoPlanStore(documents, aws.tables.plans),
    executions,
    /** Ends an execution as the engine would, which frees its plan and its servers. */
    async finish(executionId: string, status: ExecutionStatus = 'COMPLETED') {
      const execution = await executions.get(executionId);
      await executions.update({
        ...execution,
        status,
        endedAt: new Date().toISOString(),
      });
    },
    /** Every item of both tables, for proving that a request wrote nothing. */
    async snapshotTables() {
      return {
        plans: await scanAll(aws.tables.plans),
        executions: await scanAll(aws.tables.executions),
      };
    },
    /** Checkout's source servers as DRS reports them. */
    async checkoutServers(): Promise<SourceServer[]> {
      const res = await api(users.owner).get(
        `${entityPath('checkout')}/source-servers`,
      );
      return res.body.items;
    },
    stop: () => aws.stop(),
  };
}

export type ApiHarness = Awaited<ReturnType<typeof startApiHarness>>;
