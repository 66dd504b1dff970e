import {
  Execution,
  ExecutionSummary,
  ReverseReplicationRequest,
} from '@drs-orchestration/plugin-drs-common';
import { executionFixture, summaryOf } from '../../__testUtils__/fixtures';
import { describeStanding } from './WayBackHealth';
import {
  canFailBack,
  canReverse,
  canTerminateRecovery,
  wayBackStanding,
} from './wayBack';

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

function summary(overrides: Partial<Execution>): ExecutionSummary {
  return summaryOf(
    executionFixture({
      mode: 'RECOVERY',
      status: 'COMPLETED',
      endedAt: '2026-11-25T12:40:00.000Z',
      ...overrides,
    }),
  );
}

describe('wayBackStanding', () => {
  it('is nothing for an entity that only drilled, or whose recovery failed', () => {
    expect(wayBackStanding([])).toBeUndefined();
    expect(
      wayBackStanding([
        summary({ mode: 'DRILL' }),
        summary({ status: 'FAILED' }),
      ]),
    ).toBeUndefined();
  });

  it.each([
    [undefined, 'in-recovery-region', 'Not protected: reverse its replication'],
    [
      reverse('REPLICATING', 1),
      'reversing',
      'Reverse replication in progress (1 of 2 servers CONTINUOUS)',
    ],
    [reverse('CONTINUOUS', 2), 'ready-to-fail-back', 'ready to fail back'],
    [reverse('FAILED'), 'in-recovery-region', 'Not protected'],
  ])('after a completed recovery, case %#', (request, state, words) => {
    const standing = wayBackStanding([
      summary({ mode: 'DRILL', status: 'COMPLETED' }),
      summary({
        region: 'us-east-1',
        requests: { reverseReplication: request },
      }),
    ])!;
    expect(standing.state).toBe(state);
    expect(standing.since).toBe('2026-11-25T12:40:00.000Z');
    expect(describeStanding(standing)).toMatch(
      /^Running in the recovery region \(us-east-1\) since /,
    );
    expect(describeStanding(standing)).toContain(words);
  });

  it.each([
    [
      { status: 'POLLING' as const },
      'failing-back',
      'Failing back to us-west-2',
    ],
    [{}, 'failed-back', 'Not protected until re-protected'],
    [
      { requests: { reverseReplication: reverse('REQUESTED') } },
      'reprotecting',
      'Re-protect in progress (0 of 2',
    ],
    [
      { requests: { reverseReplication: reverse('CONTINUOUS', 2) } },
      'protected',
      'Protected: failed back to us-west-2',
    ],
  ])(
    'a failback newer than the recovery decides, case %#',
    (overrides, state, words) => {
      const standing = wayBackStanding([
        summary({ mode: 'FAILBACK', region: 'us-west-2', ...overrides }),
        summary({ requests: { reverseReplication: reverse('CONTINUOUS', 2) } }),
      ])!;
      expect(standing.state).toBe(state);
      expect(describeStanding(standing)).toContain(words);
    },
  );

  it('a failback that failed leaves the service in the recovery region', () => {
    expect(
      wayBackStanding([
        summary({ mode: 'FAILBACK', status: 'FAILED' }),
        summary({ requests: { reverseReplication: reverse('CONTINUOUS', 2) } }),
      ])?.state,
    ).toBe('ready-to-fail-back');
  });
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
