import { ago, completed, NOW } from './__testUtils__/points';
import { DB_1, DB_2, sourceServer } from './__testUtils__/servers';
import {
  checkDataLossAcceptance,
  DATA_LOSS_ACCEPTANCE_GRACE_SECONDS,
} from './dataLossAcceptance';
import { planReadiness } from './readiness';

describe('checkDataLossAcceptance', () => {
  // db-1 replicates 30 s behind; db-2 stopped, its newest point in time 2 hours old.
  const readiness = planReadiness(
    { waves: [{ name: 'db', sourceServerIds: [DB_1, DB_2] }] },
    [
      sourceServer(),
      sourceServer({ sourceServerId: DB_2, replicationState: 'STOPPED' }),
    ],
    {
      [DB_1]: { snapshots: completed(DB_1, 300) },
      [DB_2]: { snapshots: completed(DB_2, 7200) },
    },
    { mode: 'RECOVERY', now: NOW },
  );

  it('refuses a RECOVERY that accepts nothing, saying what to send and the worst window', () => {
    expect(checkDataLossAcceptance(readiness, undefined)).toEqual({
      accepted: false,
      reason: 'missing',
      worstDataLossSeconds: 7200,
      acceptedDataLossSeconds: undefined,
      worstServer: expect.objectContaining({ sourceServerId: DB_2 }),
      message: `A RECOVERY must accept the data it loses: send acceptDataLossSeconds, the largest data-loss window you accept, in seconds (the worst window now is 7200 s (2h), server host-db02 (${DB_2}): its point in time is ${ago(
        7200,
      )})`,
    });
  });

  it('refuses a window too small, with the current figures', () => {
    const result = checkDataLossAcceptance(readiness, 3600);
    expect(result).toMatchObject({
      accepted: false,
      reason: 'too-small',
      worstDataLossSeconds: 7200,
      acceptedDataLossSeconds: 3600,
    });
    expect(!result.accepted && result.message).toBe(
      `The data-loss window is larger than the 3600 s you accepted: the worst window now is 7200 s (2h), server host-db02 (${DB_2}): its point in time is ${ago(
        7200,
      )}. Check the servers again, then accept at least 7200 s or choose another point in time`,
    );
  });

  it('accepts a window that covers the worst, or that the clock alone outgrew since pre-flight', () => {
    expect(checkDataLossAcceptance(readiness, 7200)).toEqual({
      accepted: true,
    });
    expect(
      checkDataLossAcceptance(
        readiness,
        7200 - DATA_LOSS_ACCEPTANCE_GRACE_SECONDS,
      ),
    ).toEqual({ accepted: true });
    expect(
      checkDataLossAcceptance(
        readiness,
        7200 - DATA_LOSS_ACCEPTANCE_GRACE_SECONDS - 1,
      ).accepted,
    ).toBe(false);
  });

  it('names a replicating server by its lag, and asks even when there is no figure', () => {
    // Its newest point in time is older than its lag: DRS takes a fresh one at launch.
    const replicating = planReadiness(
      { waves: [{ name: 'db', sourceServerIds: [DB_1] }] },
      [sourceServer({ lagSeconds: 45 })],
      { [DB_1]: { snapshots: completed(DB_1, 600) } },
      { mode: 'RECOVERY', now: NOW },
    );
    const missing = checkDataLossAcceptance(replicating, undefined);
    expect(!missing.accepted && missing.message).toContain(
      `the worst window now is 45 s (45s), server host-db01 (${DB_1}): its replication lags 45s`,
    );
    const noFigures = checkDataLossAcceptance(
      { servers: [], worstDataLossSeconds: undefined },
      undefined,
    );
    expect(!noFigures.accepted && noFigures.message).toContain(
      'DRS gives no data-loss figure for these servers',
    );
    expect(checkDataLossAcceptance({ servers: [] }, 0)).toEqual({
      accepted: true,
    });
  });
});
