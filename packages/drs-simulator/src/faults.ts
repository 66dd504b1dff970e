import { Dice } from './dice';
import { SettingsError } from './errors';
import { FailurePhase } from './inventory';

/**
 * Faults switchable at run time. Shares are probabilities in [0, 1], drawn from the seeded PRNG.
 *
 * @public
 */
export interface SimulatorFaults {
  /** Share of DRS calls answered 429 ThrottlingException. */
  throttleShare: number;
  /** Sent as the `Retry-After` header, which the SDK reads as `retryAfterSeconds`. */
  throttleRetryAfterSeconds: number;
  /** Share of DRS calls answered 500 InternalServerException without doing anything. */
  internalErrorShare: number;
  /**
   * Share of StartRecovery / TerminateRecoveryInstances calls whose job IS created but
   * whose answer is a 500: the ambiguous failure a caller must resolve by DescribeJobs.
   */
  internalErrorAfterCommitShare: number;
  /** Added to every DRS call, in wall-clock milliseconds. */
  latencyMs: number;
  /**
   * Servers (by source server ID or hostname) that fail in jobs started from now on,
   * on top of the inventory's `failAt`. Replaced as a whole by `setFaults`.
   */
  failServers: Record<string, FailurePhase>;
  /** Share of new jobs that hang: they stay STARTED forever. */
  hangJobShare: number;
  /** Share of launched servers whose job never reports `recoveryInstanceID`. */
  missingRecoveryInstanceIdShare: number;
}

/**
 * No faults: the simulator answers every call as DRS would.
 *
 * @public
 */
export const DEFAULT_FAULTS: SimulatorFaults = {
  throttleShare: 0,
  throttleRetryAfterSeconds: 1,
  internalErrorShare: 0,
  internalErrorAfterCommitShare: 0,
  latencyMs: 0,
  failServers: {},
  hangJobShare: 0,
  missingRecoveryInstanceIdShare: 0,
};

const SHARES = [
  'throttleShare',
  'internalErrorShare',
  'internalErrorAfterCommitShare',
  'hangJobShare',
  'missingRecoveryInstanceIdShare',
] as const;

const NON_NEGATIVE = ['throttleRetryAfterSeconds', 'latencyMs'] as const;

/** Merges a patch (possibly straight from a JSON request) into the faults, checking every field. */
export function mergeFaults(
  current: SimulatorFaults,
  patch: unknown,
): SimulatorFaults {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new SettingsError('faults must be an object');
  }
  const merged: SimulatorFaults = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if ((SHARES as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        throw new SettingsError(`${key} must be a number from 0 to 1`);
      }
      merged[key as (typeof SHARES)[number]] = value;
    } else if ((NON_NEGATIVE as readonly string[]).includes(key)) {
      if (
        typeof value !== 'number' ||
        !(value >= 0) ||
        !Number.isFinite(value)
      ) {
        throw new SettingsError(`${key} must be a number >= 0`);
      }
      merged[key as (typeof NON_NEGATIVE)[number]] = value;
    } else if (key === 'failServers') {
      merged.failServers = checkFailServers(value);
    } else {
      throw new SettingsError(
        `unknown fault ${key} (known: ${Object.keys(DEFAULT_FAULTS).join(
          ', ',
        )})`,
      );
    }
  }
  return merged;
}

function checkFailServers(value: unknown): Record<string, FailurePhase> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingsError(
      'failServers must map a source server ID or hostname to launch or cleanup',
    );
  }
  for (const [server, phase] of Object.entries(value)) {
    if (phase !== 'launch' && phase !== 'cleanup') {
      throw new SettingsError(
        `failServers.${server} must be launch or cleanup, got ${JSON.stringify(
          phase,
        )}`,
      );
    }
  }
  return { ...(value as Record<string, FailurePhase>) };
}

/**
 * Whether a fault with this share strikes this time. A share of 0 or 1 draws nothing, so
 * switching a fault off (or fully on) never shifts the draws that follow.
 */
export function faultStrikes(dice: Dice, share: number): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  return dice.chance(share);
}
