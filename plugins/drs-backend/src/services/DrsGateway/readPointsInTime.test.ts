import { ServiceUnavailableError } from '@backstage/errors';
import { RecoverySnapshot } from '@drs-orchestration/plugin-drs-common';
import { setTimeout } from 'timers/promises';
import { readPointsInTime, SNAPSHOT_READS_AT_ONCE } from './readPointsInTime';
import { DrsGateway } from './types';

const location = { region: 'eu-west-1' };
const id = (n: number) => `s-${String(n).padStart(17, '0')}`;

/** A gateway whose snapshot reads take a moment each, counting how many run at once. */
function slowGateway(fail: (sourceServerId: string) => unknown = () => null) {
  const seen = { inFlight: 0, most: 0, calls: 0 };
  const gateway = {
    async describeRecoverySnapshots(
      _location: unknown,
      sourceServerId: string,
    ): Promise<RecoverySnapshot[]> {
      seen.calls++;
      seen.inFlight++;
      seen.most = Math.max(seen.most, seen.inFlight);
      await setTimeout(5);
      seen.inFlight--;
      const error = fail(sourceServerId);
      if (error) throw error;
      return [
        {
          snapshotId: 'pit-00000000000000001',
          sourceServerId,
          expectedAt: '2025-03-01T10:00:00.000Z',
          at: '2025-03-01T10:01:00.000Z',
        },
      ];
    },
  } as unknown as DrsGateway;
  return { gateway, seen };
}

describe('readPointsInTime', () => {
  it(`reads every server, ${SNAPSHOT_READS_AT_ONCE} at a time`, async () => {
    const { gateway, seen } = slowGateway();
    const count = 2 * SNAPSHOT_READS_AT_ONCE + 3;
    const reads = Array.from({ length: count }, (_, n) => ({
      sourceServerId: id(n),
    }));
    const results = await readPointsInTime(gateway, location, reads);
    expect(Object.keys(results)).toHaveLength(count);
    expect(results[id(7)]).toEqual({
      snapshots: [expect.objectContaining({ sourceServerId: id(7) })],
    });
    expect(seen).toMatchObject({
      calls: count,
      most: SNAPSHOT_READS_AT_ONCE,
    });
  });

  it('fails closed per server: a DRS failure becomes that server’s reason', async () => {
    const { gateway } = slowGateway(sourceServerId =>
      sourceServerId === id(1)
        ? new ServiceUnavailableError(
            'DRS in default/eu-west-1 could not be reached',
          )
        : null,
    );
    const results = await readPointsInTime(gateway, location, [
      { sourceServerId: id(1) },
      { sourceServerId: id(2) },
    ]);
    expect(results[id(1)]).toEqual({
      error: 'DRS in default/eu-west-1 could not be reached',
    });
    expect('snapshots' in results[id(2)]).toBe(true);
  });

  it('lets a bug surface as one', async () => {
    const { gateway } = slowGateway(
      () => new TypeError('undefined is not a function'),
    );
    await expect(
      readPointsInTime(gateway, location, [{ sourceServerId: id(1) }]),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('reads nothing for no servers', async () => {
    const { gateway, seen } = slowGateway();
    expect(await readPointsInTime(gateway, location, [])).toEqual({});
    expect(seen.calls).toBe(0);
  });
});
