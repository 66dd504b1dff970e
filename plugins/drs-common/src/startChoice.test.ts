import { ago, completed, NOW, snapshotId } from './__testUtils__/points';
import { DB_1, DB_2, sourceServer } from './__testUtils__/servers';
import { planWave, savedPlan } from './__testUtils__/plans';
import { newExecution } from './executions';
import { planReadiness, ReadinessOptions } from './readiness';
import { PointInTimeChoice } from './recoveryPoints';
import { withStartChoice } from './startChoice';

const plan = savedPlan([planWave('db', [DB_1, DB_2])]);
const servers = [
  sourceServer(),
  sourceServer({ sourceServerId: DB_2, replicationState: 'STALLED' }),
];

function started(pointInTime: PointInTimeChoice, extra = {}) {
  const options: ReadinessOptions = {
    mode: 'RECOVERY',
    pointInTime,
    now: NOW,
  };
  const readiness = planReadiness(
    plan,
    servers,
    {
      [DB_1]: { snapshots: completed(DB_1, 600, 3600) },
      [DB_2]: { snapshots: completed(DB_2, 1800, 4000) },
    },
    options,
  );
  const execution = newExecution({
    executionId: 'exec-1',
    plan,
    mode: 'RECOVERY',
    initiatedBy: 'user:default/ana',
    region: 'eu-west-1',
    servers,
    now: NOW,
  });
  return withStartChoice(execution, { pointInTime, ...extra }, readiness);
}

describe('withStartChoice', () => {
  it('pins each server to the snapshot a cut-off chose, with its timestamp', () => {
    const cutOff: PointInTimeChoice = { type: 'before', at: ago(3000) };
    const execution = started(cutOff, { acceptedDataLossSeconds: 4000 });
    expect(execution).toMatchObject({
      pointInTime: cutOff,
      acceptedDataLossSeconds: 4000,
    });
    expect(execution.allowDegradedReplication).toBeUndefined();
    expect(
      execution.waves[0].servers.map(s => [
        s.sourceServerId,
        s.recoverySnapshotId,
        s.pointInTimeAt,
        s.status,
      ]),
    ).toEqual([
      [DB_1, snapshotId(DB_1, 3600), ago(3600), 'NOT_STARTED'],
      [DB_2, snapshotId(DB_2, 4000), ago(4000), 'NOT_STARTED'],
    ]);
  });

  it('pins the snapshots named explicitly', () => {
    const execution = started({
      type: 'snapshots',
      snapshotIds: {
        [DB_1]: snapshotId(DB_1, 600),
        [DB_2]: snapshotId(DB_2, 1800),
      },
    });
    expect(execution.waves[0].servers.map(s => s.recoverySnapshotId)).toEqual([
      snapshotId(DB_1, 600),
      snapshotId(DB_2, 1800),
    ]);
  });

  it('pins nothing on DRS latest, and records a drill allowed to launch degraded servers', () => {
    const execution = started(
      { type: 'latest' },
      { allowDegradedReplication: true },
    );
    expect(execution.pointInTime).toBeUndefined();
    expect(execution.acceptedDataLossSeconds).toBeUndefined();
    expect(execution.allowDegradedReplication).toBe(true);
    for (const server of execution.waves[0].servers) {
      expect(server.recoverySnapshotId).toBeUndefined();
      expect(server.pointInTimeAt).toBeUndefined();
    }
  });
});
