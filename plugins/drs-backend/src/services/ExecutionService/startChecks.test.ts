import { ServiceUnavailableError } from '@backstage/errors';
import {
  DEFAULT_DRS_QUOTAS,
  RecoveryPlanInput,
  SourceServer,
} from '@drs-orchestration/plugin-drs-common';
import { DrsGateway } from '../DrsGateway/types';
import { PlanValidationError } from '../PlanService/PlanValidationError';
import { preflightStart } from './startChecks';

const server: SourceServer = {
  sourceServerId: 's-00000000000000001',
  hostname: 'db-1',
  replicationState: 'STALLED',
  lagSeconds: 600,
  tags: {},
};
const plan: RecoveryPlanInput = {
  name: 'db',
  description: '',
  defaultMode: 'RECOVERY',
  timeoutMinutes: 60,
  waves: [
    {
      name: 'db',
      sourceServerIds: [server.sourceServerId],
      waitFor: 'LAUNCHED',
      pauseBefore: false,
      dependsOn: [],
    },
  ],
};

/** A DRS that lists the server and answers its snapshot read as `snapshots` says. */
function drs(
  snapshots: () => ReturnType<DrsGateway['describeRecoverySnapshots']>,
) {
  return {
    describeSourceServers: async () => [server],
    describeRecoverySnapshots: snapshots,
  } as Partial<DrsGateway> as DrsGateway;
}

function startRecovery(gateway: DrsGateway) {
  return preflightStart({
    gateway,
    entity: {
      entity: { apiVersion: 'v1', kind: 'Component', metadata: { name: 'db' } },
      entityRef: 'component:default/db',
      location: { region: 'us-east-1' },
      selector: { kind: 'ids', ids: [server.sourceServerId] },
    },
    plan,
    request: {
      planId: 'p',
      mode: 'RECOVERY',
      by: 'user:default/sre',
      acceptDataLossSeconds: 86400,
    },
    quotas: DEFAULT_DRS_QUOTAS,
    now: new Date('2026-12-06T06:00:00Z'),
  });
}

describe('preflightStart', () => {
  it('refuses with 503 "try again" when DRS does not give a server’s points in time', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 429 },
    });
    const refusal = await startRecovery(
      drs(() => Promise.reject(throttled)),
    ).catch(error => error);
    expect(refusal).toBeInstanceOf(ServiceUnavailableError);
    expect(refusal.message).toBe(
      `Could not read the points in time of 1 server(s) from DRS (${server.sourceServerId}: Rate exceeded), so the launch was refused. Try again shortly.`,
    );
  });

  it('refuses with the plan’s issues when DRS answers that the server has no point in time', async () => {
    const refusal = await startRecovery(drs(async () => [])).catch(
      error => error,
    );
    expect(refusal).toBeInstanceOf(PlanValidationError);
    expect(refusal.message).toContain('has no completed point in time');
  });
});
