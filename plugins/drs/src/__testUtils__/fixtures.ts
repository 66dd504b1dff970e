import { ResponseError } from '@backstage/errors';
import {
  DrHealth,
  Execution,
  ExecutionServer,
  ExecutionSummary,
  ExecutionWave,
  RecoveryPlan,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { SavedPlanPreflight } from '../api';

export const planFixture: RecoveryPlan = {
  planId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  entityRef: 'component:default/checkout',
  name: 'Checkout full stack',
  description: 'db, then app',
  defaultMode: 'DRILL',
  timeoutMinutes: 360,
  waves: [
    {
      name: 'db',
      sourceServerIds: ['s-0000000000000000a'],
      waitFor: 'LAUNCHED',
      pauseBefore: false,
      dependsOn: [],
    },
    {
      name: 'app',
      sourceServerIds: ['s-0000000000000000b', 's-0000000000000000c'],
      waitFor: 'HEALTHY',
      pauseBefore: false,
      dependsOn: [],
    },
  ],
  createdAt: '2026-11-25T10:00:00.000Z',
  createdBy: 'user:default/alice',
  updatedAt: '2026-11-25T10:00:00.000Z',
  updatedBy: 'user:default/alice',
  version: 3,
};

export const sourceServersFixture: SourceServer[] = [
  {
    sourceServerId: 's-0000000000000000a',
    hostname: 'checkout-db-1',
    replicationState: 'CONTINUOUS',
    lagSeconds: 200,
    tags: { Application: 'checkout', Tier: 'db' },
  },
  {
    sourceServerId: 's-0000000000000000b',
    hostname: 'checkout-app-1',
    replicationState: 'STALLED',
    lagSeconds: 5400,
    tags: { Application: 'checkout', Tier: 'app' },
  },
  {
    sourceServerId: 's-0000000000000000c',
    hostname: 'checkout-app-2',
    replicationState: 'CONTINUOUS',
    lagSeconds: 30,
    tags: { Application: 'checkout', Tier: 'app' },
  },
  {
    sourceServerId: 's-0000000000000000d',
    hostname: 'checkout-cache-1',
    replicationState: 'CONTINUOUS',
    lagSeconds: 12,
    tags: { Application: 'checkout', Tier: 'cache' },
  },
];

function replicating(sourceServerId: string, hostname: string) {
  return {
    sourceServerId,
    hostname,
    waveName: 'app',
    replicationState: 'CONTINUOUS',
    lagSeconds: 30,
    pointInTime: {
      snapshotId: `pit-${sourceServerId.slice(-3)}`,
      at: '2026-11-25T11:59:30.000Z',
    },
    dataLossSeconds: 30,
    launchable: true,
  };
}

/**
 * Pre-flight of planFixture for a recovery with the source gone: the db server stopped
 * replicating 42 minutes ago and launches from its last point in time; the app servers replicate.
 */
export function preflightFixture(
  overrides: Partial<SavedPlanPreflight> = {},
): SavedPlanPreflight {
  return {
    issues: [],
    servers: [
      {
        sourceServerId: 's-0000000000000000a',
        hostname: 'checkout-db-1',
        waveName: 'db',
        replicationState: 'STALLED',
        lagSeconds: 2520,
        pointInTime: {
          snapshotId: 'pit-00a',
          at: '2026-11-25T11:18:00.000Z',
        },
        dataLossSeconds: 2520,
        launchable: true,
        warning: 'Replication STALLED; launches from its last point in time',
      },
      replicating('s-0000000000000000b', 'checkout-app-1'),
      replicating('s-0000000000000000c', 'checkout-app-2'),
    ],
    worstDataLossSeconds: 2520,
    ...overrides,
  };
}

export function server(
  id: string,
  overrides: Partial<ExecutionServer> = {},
): ExecutionServer {
  return {
    sourceServerId: id,
    hostname: `host-${id.slice(-3)}`,
    status: 'NOT_STARTED',
    ...overrides,
  };
}

export function wave(
  name: string,
  overrides: Partial<ExecutionWave> = {},
): ExecutionWave {
  return {
    name,
    status: 'PENDING',
    waitFor: 'LAUNCHED',
    pauseBefore: false,
    dependsOn: [],
    servers: [],
    jobLog: [],
    ...overrides,
  };
}

/** A drill of two waves: db done in 10 minutes, app launching for 5 so far. */
export function executionFixture(
  overrides: Partial<Execution> = {},
): Execution {
  return {
    executionId: '6f1c3f4e-8a51-4c1e-9a57-4d2b8a9f0e11',
    planId: planFixture.planId,
    planName: planFixture.name,
    entityRef: 'component:default/checkout',
    mode: 'DRILL',
    status: 'POLLING',
    region: 'us-east-1',
    initiatedBy: 'user:default/alice',
    createdAt: '2026-11-25T12:00:00.000Z',
    startedAt: '2026-11-25T12:00:00.000Z',
    timeoutAt: '2026-11-25T18:00:00.000Z',
    waves: [
      wave('db', {
        status: 'COMPLETED',
        jobId: 'drsjob-0000000000000001',
        startedAt: '2026-11-25T12:00:00.000Z',
        endedAt: '2026-11-25T12:10:00.000Z',
        servers: [
          server('s-0000000000000000a', {
            hostname: 'checkout-db-1',
            status: 'LAUNCHED',
            launchStatus: 'LAUNCHED',
            recoveryInstanceId: 'i-recovery0000000a',
            ec2InstanceId: 'i-0abc00000000000a',
            ec2InstanceState: 'running',
            launchedAt: '2026-11-25T12:08:00.000Z',
          }),
        ],
        jobLog: [
          {
            event: 'JOB_START',
            at: '2026-11-25T12:00:05.000Z',
          },
          {
            event: 'LAUNCH_END',
            at: '2026-11-25T12:08:00.000Z',
            sourceServerId: 's-0000000000000000a',
            detail: 'launched',
          },
        ],
      }),
      wave('app', {
        status: 'STARTED',
        waitFor: 'HEALTHY',
        jobId: 'drsjob-0000000000000002',
        startedAt: '2026-11-25T12:10:00.000Z',
        servers: [
          server('s-0000000000000000b', {
            hostname: 'checkout-app-1',
            status: 'LAUNCHING',
            launchStatus: 'IN_PROGRESS',
          }),
          server('s-0000000000000000c', {
            hostname: 'checkout-app-2',
            status: 'FAILED',
            launchStatus: 'FAILED',
            failureReason: 'Subnet has no free IP addresses',
          }),
        ],
      }),
    ],
    polling: {
      lastPolledAt: '2026-11-25T12:14:30.000Z',
      pollCount: 29,
      nextPollAt: '2026-11-25T12:15:00.000Z',
      lastError: 'ThrottlingException: Rate exceeded',
      lastErrorAt: '2026-11-25T12:13:00.000Z',
    },
    requests: {},
    version: 31,
    ...overrides,
  };
}

export function summaryOf(execution: Execution): ExecutionSummary {
  const { waves, ...rest } = execution;
  return {
    ...rest,
    waveCount: waves.length,
    serverCount: waves.reduce((sum, w) => sum + w.servers.length, 0),
    completedWaveCount: waves.filter(w => w.status === 'COMPLETED').length,
    failedServerCount: 0,
  };
}

export function healthFixture(overrides: Partial<DrHealth> = {}): DrHealth {
  return {
    entityRef: 'component:default/checkout',
    region: 'us-east-1',
    servers: {
      total: 4,
      launchable: 3,
      replicating: 3,
      byState: { CONTINUOUS: 3, STALLED: 1 },
    },
    worstLagSeconds: 5400,
    planCount: 1,
    lastDrill: {
      executionId: 'aaaaaaaa-0000-4000-8000-000000000001',
      status: 'COMPLETED',
      startedAt: '2026-11-20T09:00:00.000Z',
      endedAt: '2026-11-20T09:42:30.000Z',
      recoverySeconds: 2550,
    },
    activeExecutions: [],
    canRecoverNow: false,
    problems: ['1 server is STALLED and cannot be launched'],
    ...overrides,
  };
}

/** The error DrsClient throws for a non-2xx answer with Backstage's error body. */
export function responseError(
  status: number,
  message: string,
  extra: object = {},
): Promise<ResponseError> {
  return ResponseError.fromResponse({
    headers: new Headers({ 'Content-Type': 'application/json' }),
    ok: false,
    redirected: false,
    status,
    statusText: 'Error',
    type: 'basic',
    url: 'http://localhost/api/drs',
    text: async () =>
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
        ...extra,
      }),
  });
}
