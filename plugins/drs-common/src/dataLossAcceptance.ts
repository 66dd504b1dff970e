import { describeSeconds } from './durations';
import { PlanReadiness, ServerReadiness } from './recoveryPoints';
import { serverName, worstDataLoss } from './readiness';
import { isReplicating } from './replication';

/**
 * How far the worst data-loss window may have grown past the accepted one. The window of a
 * server that stopped replicating grows with the clock (now − its point in time), so the minutes
 * between pre-flight and start must not refuse the start; a window that grew for any other reason
 * (replication stopped, lag grew, a point in time left retention) grows by more.
 *
 * @public
 */
export const DATA_LOSS_ACCEPTANCE_GRACE_SECONDS = 5 * 60;

/**
 * Whether a RECOVERY's acknowledged data loss covers what a launch now would lose: `missing`
 * when the start accepted none, `too-small` when the worst window is larger; the figures and a
 * message a person can act on.
 *
 * @public
 */
export type DataLossAcceptance =
  | { accepted: true }
  | {
      accepted: false;
      reason: 'missing' | 'too-small';
      /** The worst window now, in seconds; absent when DRS gives no figure for any server. */
      worstDataLossSeconds?: number;
      /** What the start accepted. */
      acceptedDataLossSeconds?: number;
      /** The server with the worst window. */
      worstServer?: ServerReadiness;
      /** What to send instead, with the current figures. */
      message: string;
    };

function worstWindowInWords(worst: ServerReadiness | undefined): string {
  if (!worst) return 'DRS gives no data-loss figure for these servers';
  // A replicating server on DRS's latest loses its lag, whatever point in time it has now.
  const byLag =
    isReplicating(worst.replicationState) &&
    worst.dataLossSeconds === worst.lagSeconds;
  const since =
    byLag || !worst.pointInTime
      ? `its replication lags ${describeSeconds(worst.lagSeconds ?? 0)}`
      : `its point in time is ${worst.pointInTime.at}`;
  return `the worst window now is ${worst.dataLossSeconds} s (${describeSeconds(
    worst.dataLossSeconds!,
  )}), server ${serverName(worst)}: ${since}`;
}

/**
 * Checks the data loss a person accepted for a RECOVERY against what launching now would lose.
 *
 * @public
 */
export function checkDataLossAcceptance(
  readiness: PlanReadiness,
  acceptedDataLossSeconds: number | undefined,
): DataLossAcceptance {
  const worst = worstDataLoss(readiness.servers);
  const worstDataLossSeconds = worst?.dataLossSeconds;
  const figures = {
    accepted: false as const,
    worstDataLossSeconds,
    acceptedDataLossSeconds,
    worstServer: worst,
  };
  if (acceptedDataLossSeconds === undefined) {
    return {
      ...figures,
      reason: 'missing',
      message: `A RECOVERY must accept the data it loses: send acceptDataLossSeconds, the largest data-loss window you accept, in seconds (${worstWindowInWords(
        worst,
      )})`,
    };
  }
  if (
    worstDataLossSeconds !== undefined &&
    worstDataLossSeconds >
      acceptedDataLossSeconds + DATA_LOSS_ACCEPTANCE_GRACE_SECONDS
  ) {
    return {
      ...figures,
      reason: 'too-small',
      message: `The data-loss window is larger than the ${acceptedDataLossSeconds} s you accepted: ${worstWindowInWords(
        worst,
      )}. Check the servers again, then accept at least ${worstDataLossSeconds} s or choose another point in time`,
    };
  }
  return { accepted: true };
}
