import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  Execution,
  ReverseReplicationRequest,
} from '@drs-orchestration/plugin-drs-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DrsApi } from '../../api';
import {
  executionFixture,
  planFixture,
  server,
  wave,
} from '../../__testUtils__/fixtures';
import {
  drsEntity,
  permissionsAnswered,
  permissionsDenying,
  renderEntityView,
} from '../../__testUtils__/render';
import { DrsExecutionsContent } from '../DrsExecutionsContent/DrsExecutionsContent';

const RECOVERY_ID = '6f1c3f4e-8a51-4c1e-9a57-4d2b8a9f0e11';
const FAILBACK_ID = '7a2d4e5f-9b62-4d2f-8b68-5e3c9b0a1f22';

/** A completed recovery of db then app, one recovery instance each. */
function recovery(entity: Entity, overrides: Partial<Execution> = {}) {
  const launched = (id: string, hostname: string, instance: string) =>
    server(id, {
      hostname,
      status: 'LAUNCHED',
      recoveryInstanceId: instance,
      launchedAt: '2026-11-25T12:08:00.000Z',
    });
  return executionFixture({
    executionId: RECOVERY_ID,
    entityRef: stringifyEntityRef(entity),
    mode: 'RECOVERY',
    status: 'COMPLETED',
    endedAt: '2026-11-25T12:40:00.000Z',
    waves: [
      wave('db', {
        status: 'COMPLETED',
        servers: [launched('s-0000000000000000a', 'checkout-db-1', 'i-0a')],
      }),
      wave('app', {
        status: 'COMPLETED',
        servers: [launched('s-0000000000000000b', 'checkout-app-1', 'i-0b')],
      }),
    ],
    ...overrides,
  });
}

function reversing(
  status: ReverseReplicationRequest['status'],
): ReverseReplicationRequest {
  const done = status === 'CONTINUOUS';
  return {
    by: 'user:default/sre-on-call',
    at: '2026-11-25T13:00:00.000Z',
    status,
    servers: [
      {
        sourceServerId: 's-0000000000000000a',
        hostname: 'checkout-db-1',
        recoveryInstanceId: 'i-0a',
        reversedSourceServerId: 's-00000000000000f0a',
        reversedRegion: 'us-west-2',
        replicationState: done ? 'CONTINUOUS' : 'INITIAL_SYNC',
        progressPercent: done ? 100 : 40,
        lagSeconds: done ? 12 : undefined,
        continuousAt: done ? '2026-11-25T13:10:00.000Z' : undefined,
      },
      {
        sourceServerId: 's-0000000000000000b',
        hostname: 'checkout-app-1',
        recoveryInstanceId: 'i-0b',
        reversedSourceServerId: 's-00000000000000f0b',
        reversedRegion: 'us-west-2',
        replicationState: 'CONTINUOUS',
        progressPercent: 100,
        lagSeconds: 7,
        continuousAt: '2026-11-25T13:05:00.000Z',
      },
    ],
  };
}

async function renderPage(
  shown: Execution,
  api: Partial<DrsApi>,
  options: { entity: Entity; denied?: string[] },
) {
  const permissions = permissionsDenying(...(options.denied ?? []));
  await renderEntityView(<DrsExecutionsContent />, {
    api: {
      listPlans: async () => [planFixture],
      ...api,
      getExecution: jest.fn(async (id: string) =>
        id === shown.executionId ? shown : api.getExecution!(id),
      ),
    },
    entity: options.entity,
    permissions,
    mountPath: '/dr-executions/*',
    route: `/dr-executions/${shown.executionId}`,
  });
  await screen.findByText('The way back');
  await permissionsAnswered(permissions, 4);
}

describe('The way back on an execution page', () => {
  it('reverses a completed recovery only after confirmation, once', async () => {
    const entity = drsEntity();
    const startReverseReplication = jest.fn(async () =>
      recovery(entity, {
        requests: { reverseReplication: reversing('REQUESTED') },
      }),
    );
    await renderPage(recovery(entity), { startReverseReplication }, { entity });
    expect(
      screen.getByRole('navigation', { name: 'Way back' }),
    ).toHaveTextContent('Reverse replication: not started');
    expect(screen.queryByRole('button', { name: 'Fail back' })).toBeNull();

    fireEvent.click(
      screen.getByRole('button', { name: 'Reverse replication' }),
    );
    let dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('2 recovery instances in us-east-1');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(startReverseReplication).not.toHaveBeenCalled();

    fireEvent.click(
      screen.getByRole('button', { name: 'Reverse replication' }),
    );
    dialog = screen.getByRole('dialog');
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Reverse replication' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(startReverseReplication).toHaveBeenCalledTimes(1);
    expect(startReverseReplication).toHaveBeenCalledWith(RECOVERY_ID);
  });

  it('hides every way-back action from someone who may control executions but not recover', async () => {
    const entity = drsEntity();
    await renderPage(
      recovery(entity, {
        requests: { reverseReplication: reversing('CONTINUOUS') },
      }),
      {},
      { entity, denied: ['drs.recovery.start'] },
    );
    // what happened is shown to all who may read
    expect(screen.getByText('Reversed source servers')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Reverse replication' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'Fail back' })).toBeNull();
  });

  it('shows each reversed server syncing, and offers no failback until all are CONTINUOUS', async () => {
    const entity = drsEntity();
    await renderPage(
      recovery(entity, {
        requests: { reverseReplication: reversing('REPLICATING') },
      }),
      {},
      { entity },
    );
    const row = screen.getByRole('row', { name: /checkout-db-1/ });
    expect(row).toHaveTextContent('INITIAL_SYNC');
    expect(row).toHaveTextContent('40%');
    expect(row).toHaveTextContent('s-00000000000000f0a (us-west-2)');
    expect(
      screen.getByRole('row', { name: /checkout-app-1/ }),
    ).toHaveTextContent('7s');
    expect(screen.queryByRole('button', { name: 'Fail back' })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Reverse replication' }),
    ).toBeNull();
  });

  it('fails back once the plan name is typed, listing the waves in reverse order', async () => {
    const entity = drsEntity();
    const shown = recovery(entity, {
      requests: { reverseReplication: reversing('CONTINUOUS') },
    });
    const startFailback = jest.fn(async () =>
      executionFixture({
        executionId: FAILBACK_ID,
        entityRef: shown.entityRef,
        mode: 'FAILBACK',
        status: 'PENDING',
      }),
    );
    await renderPage(shown, { startFailback }, { entity });
    fireEvent.click(screen.getByRole('button', { name: 'Fail back' }));
    const dialog = screen.getByRole('dialog');
    const waves = within(dialog).getByRole('list', { name: 'Failback waves' });
    expect(
      within(waves)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['app', 'db']);
    const start = within(dialog).getByRole('button', {
      name: 'Start failback',
    });
    expect(start).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Plan name'), {
      target: { value: 'Checkout' },
    });
    expect(start).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Plan name'), {
      target: { value: shown.planName },
    });
    expect(start).toBeEnabled();
    fireEvent.click(start);
    await waitFor(() =>
      expect(startFailback).toHaveBeenCalledWith(RECOVERY_ID, shown.planName),
    );
    expect(startFailback).toHaveBeenCalledTimes(1);
  });

  it('after a completed failback offers re-protect and terminating the recovery instances, each confirmed', async () => {
    const entity = drsEntity();
    const origin = recovery(entity, {
      requests: {
        reverseReplication: reversing('CONTINUOUS'),
        failback: {
          by: 'user:default/sre-on-call',
          at: '2026-11-25T13:20:00.000Z',
          executionId: FAILBACK_ID,
        },
      },
    });
    const failback = recovery(entity, {
      executionId: FAILBACK_ID,
      mode: 'FAILBACK',
      region: 'us-west-2',
      waves: [...origin.waves].reverse(),
      lineage: { fromExecutionId: RECOVERY_ID, fromMode: 'RECOVERY' },
    });
    const startReverseReplication = jest.fn(async () => failback);
    const terminateRecoveryInstances = jest.fn(async () => origin);
    await renderPage(
      failback,
      {
        getExecution: async () => origin,
        startReverseReplication,
        terminateRecoveryInstances,
      },
      { entity },
    );
    const chain = screen.getByRole('navigation', { name: 'Way back' });
    expect(chain).toHaveTextContent('Failback (this execution)');
    expect(
      within(chain).getByRole('link', { name: 'Recovery' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(chain).toHaveTextContent('Reverse replication: CONTINUOUS'),
    );
    expect(chain).toHaveTextContent('Re-protect: not started');

    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Terminate recovery instances',
      }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent(
      `recovery ${RECOVERY_ID} launched in us-east-1`,
    );
    fireEvent.click(
      within(dialog).getByRole('button', {
        name: 'Terminate recovery instances',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(terminateRecoveryInstances).toHaveBeenCalledWith(RECOVERY_ID);
    expect(startReverseReplication).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Re-protect' }));
    fireEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Re-protect',
      }),
    );
    await waitFor(() =>
      expect(startReverseReplication).toHaveBeenCalledWith(FAILBACK_ID),
    );
    expect(terminateRecoveryInstances).toHaveBeenCalledTimes(1);
  });
});
