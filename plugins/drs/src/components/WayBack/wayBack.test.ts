import { ReverseReplicationRequest } from '@drs-orchestration/plugin-drs-common';
import { executionFixture } from '../../__testUtils__/fixtures';
import { canFailBack, canReverse, canTerminateRecovery } from './wayBack';

const reverse = (
  status: ReverseReplicationRequest['status'],
  continuous = 0,
): ReverseReplicationRequest => ({
  by: 'user:default/sre',
  at: '2026-11-25T13:00:00.000Z',
  status,
  endedAt: status === 'CONTINUOUS' ? '2026-11-25T13:10:00.000Z' : undefined,
  servers: [0, 1].map(i => ({
    sourceServerId: `s-000000000000000${i}a`,
    recoveryInstanceId: `i-${i}`,
    continuousAt: i < continuous ? '2026-11-25T13:05:00.000Z' : undefined,
  })),
});

describe('what the way back offers', () => {
  const completed = executionFixture({ mode: 'RECOVERY', status: 'COMPLETED' });

  it('reverses a completed recovery or failback, not a drill, a running one, or twice', () => {
    expect(canReverse(completed)).toBe(true);
    expect(canReverse({ ...completed, mode: 'FAILBACK' })).toBe(true);
    expect(canReverse({ ...completed, mode: 'DRILL' })).toBe(false);
    expect(canReverse({ ...completed, status: 'POLLING' })).toBe(false);
    expect(
      canReverse({
        ...completed,
        requests: { reverseReplication: reverse('REPLICATING') },
      }),
    ).toBe(false);
    // a failed request may be asked again: the backend retries the refused instances
    expect(
      canReverse({
        ...completed,
        requests: { reverseReplication: reverse('FAILED') },
      }),
    ).toBe(true);
  });

  it('fails back only when every reversed server is CONTINUOUS, and once unless it failed', () => {
    const ready = {
      ...completed,
      requests: { reverseReplication: reverse('CONTINUOUS', 2) },
    };
    expect(canFailBack(ready)).toBe(true);
    expect(
      canFailBack({
        ...completed,
        requests: { reverseReplication: reverse('REPLICATING', 1) },
      }),
    ).toBe(false);
    const started = {
      ...ready,
      requests: {
        ...ready.requests,
        failback: {
          by: 'user:default/sre',
          at: '2026-11-25T14:00:00.000Z',
          executionId: 'f',
        },
      },
    };
    expect(canFailBack(started, { status: 'POLLING' })).toBe(false);
    expect(canFailBack(started, { status: 'COMPLETED' })).toBe(false);
    expect(canFailBack(started, { status: 'FAILED' })).toBe(true);
  });

  it("terminates a recovery's instances only from its completed failback, once", () => {
    const failback = {
      mode: 'FAILBACK' as const,
      status: 'COMPLETED' as const,
    };
    expect(canTerminateRecovery(failback, completed)).toBe(true);
    expect(
      canTerminateRecovery({ ...failback, status: 'POLLING' }, completed),
    ).toBe(false);
    expect(canTerminateRecovery(failback, undefined)).toBe(false);
    expect(
      canTerminateRecovery(failback, {
        ...completed,
        requests: {
          terminate: { by: 'user:default/sre', at: '2026-11-25T15:00:00.000Z' },
        },
      }),
    ).toBe(false);
  });
});
