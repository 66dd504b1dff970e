import { Execution, ExecutionSummary } from './executionTypes';
import { assessWayBack } from './wayBackHealth';
import { finished } from './engine/__testUtils__/wayBack';

const SRE = 'user:default/sam';

function summary(
  execution: Execution,
  change: (e: Execution) => void = () => {},
): ExecutionSummary {
  const copy: Execution = JSON.parse(JSON.stringify(execution));
  change(copy);
  const { waves, ...rest } = copy;
  return {
    ...rest,
    waveCount: waves.length,
    serverCount: 3,
    completedWaveCount: waves.length,
    failedServerCount: 0,
  };
}

const recovery = finished('RECOVERY');
const reverse = (
  status: 'REQUESTED' | 'REPLICATING' | 'CONTINUOUS' | 'FAILED',
  continuous = 0,
) => ({
  by: SRE,
  at: '2025-03-01T11:00:00.000Z',
  status,
  ...(status === 'CONTINUOUS' ? { endedAt: '2025-03-01T12:00:00.000Z' } : {}),
  ...(status === 'FAILED' ? { failureReason: 'ri-1: refused' } : {}),
  servers: [0, 1, 2].map(i => ({
    sourceServerId: `s-${i}`,
    recoveryInstanceId: `ri-${i}`,
    ...(i < continuous ? { continuousAt: '2025-03-01T11:30:00.000Z' } : {}),
  })),
});
const failback = (
  status: Execution['status'],
  reprotect?: ReturnType<typeof reverse>,
) =>
  summary(finished('FAILBACK', status), e => {
    e.executionId = 'fb-1';
    e.region = 'us-west-2';
    e.lineage = { fromExecutionId: recovery.executionId, fromMode: 'RECOVERY' };
    if (reprotect) e.requests.reverseReplication = reprotect;
  });

describe('assessWayBack', () => {
  it('says nothing for an entity that never completed a recovery', () => {
    expect(assessWayBack([])).toBeUndefined();
    expect(assessWayBack([summary(finished('DRILL'))])).toBeUndefined();
    expect(
      assessWayBack([summary(finished('RECOVERY', 'FAILED'))]),
    ).toBeUndefined();
  });

  it('runs in the recovery region, unprotected, until reverse replication starts', () => {
    expect(assessWayBack([summary(recovery)])).toEqual({
      state: 'RUNNING_IN_RECOVERY_REGION',
      recoveryExecutionId: 'exec-1',
      since: recovery.endedAt,
      message: `Running in the recovery region (eu-west-1) since ${recovery.endedAt}, unprotected: start reverse replication to fail back`,
    });
    expect(
      assessWayBack([
        summary(recovery, e => {
          e.requests.reverseReplication = reverse('FAILED');
        }),
      ])?.message,
    ).toMatch(/reverse replication failed \(ri-1: refused\); ask again$/);
  });

  it('counts servers CONTINUOUS while reverse replication runs, then is ready to fail back', () => {
    expect(
      assessWayBack([
        summary(recovery, e => {
          e.requests.reverseReplication = reverse('REPLICATING', 1);
        }),
      ]),
    ).toMatchObject({
      state: 'REVERSE_REPLICATION_IN_PROGRESS',
      continuous: { count: 1, of: 3 },
      message: expect.stringMatching(
        /; reverse replication in progress \(1 of 3 servers CONTINUOUS\)$/,
      ),
    });
    expect(
      assessWayBack([
        summary(recovery, e => {
          e.requests.reverseReplication = reverse('CONTINUOUS', 3);
        }),
      ])?.state,
    ).toBe('READY_TO_FAIL_BACK');
  });

  it('follows the failback, the re-protect, and ends protected', () => {
    const reversed = summary(recovery, e => {
      e.requests.reverseReplication = reverse('CONTINUOUS', 3);
    });
    expect(assessWayBack([failback('POLLING'), reversed])).toMatchObject({
      state: 'FAILING_BACK',
      failbackExecutionId: 'fb-1',
      message: expect.stringMatching(
        /^Failing back to us-west-2 \(POLLING\) since /,
      ),
    });
    // A failed failback leaves the service where it was: ready to try again.
    expect(assessWayBack([failback('FAILED'), reversed])?.state).toBe(
      'READY_TO_FAIL_BACK',
    );
    expect(assessWayBack([failback('COMPLETED'), reversed])).toMatchObject({
      state: 'FAILED_BACK',
      message: expect.stringMatching(/not protected yet: re-protect it/),
    });
    expect(
      assessWayBack([failback('COMPLETED', reverse('REQUESTED')), reversed]),
    ).toMatchObject({
      state: 'REVERSE_REPLICATION_IN_PROGRESS',
      continuous: { count: 0, of: 3 },
    });
    expect(
      assessWayBack([
        failback('COMPLETED', reverse('CONTINUOUS', 3)),
        reversed,
      ]),
    ).toEqual({
      state: 'PROTECTED',
      recoveryExecutionId: 'exec-1',
      failbackExecutionId: 'fb-1',
      since: '2025-03-01T12:00:00.000Z',
      message: `Protected: Failed back to us-west-2 at ${recovery.endedAt}, replicating to eu-west-1 again`,
    });
  });
});
