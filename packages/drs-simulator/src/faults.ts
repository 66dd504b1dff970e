import { Dice } from './dice';
import { SettingsError } from './errors';
import { AutomationOutcome, FailurePhase } from './inventory';

/**
 * An EC2 status check: of the instance (its OS and network), or of the system (AWS's host).
 *
 * @public
 */
export type StatusCheck = 'instance' | 'system';

/**
 * Faults switchable at run time. Shares are probabilities in [0, 1], drawn from the seeded PRNG.
 *
 * @public
 */
export interface SimulatorFaults {
  /**
   * Share of calls answered as each service throttles: DRS 429 ThrottlingException, SSM 400
   * ThrottlingException, EC2 503 RequestLimitExceeded, CloudFormation 400 Throttling.
   */
  throttleShare: number;
  /** Sent as the `Retry-After` header, which the SDK reads as `retryAfterSeconds`. */
  throttleRetryAfterSeconds: number;
  /**
   * Share of calls answered 500 (DRS InternalServerException, SSM InternalServerError, EC2
   * InternalError, CloudFormation InternalFailure) without doing anything.
   */
  internalErrorShare: number;
  /**
   * Share of StartRecovery / TerminateRecoveryInstances / StartAutomationExecution /
   * StopAutomationExecution calls, and of CloudFormation's CreateChangeSet / ExecuteChangeSet /
   * DeleteChangeSet / DeleteStack, that ARE applied but answered 500: the ambiguous failure a
   * caller must resolve (by DescribeJobs, or by retrying with the same ClientToken).
   */
  internalErrorAfterCommitShare: number;
  /** Added to every call, in wall-clock milliseconds. */
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
  /**
   * Share of replications (re)started from now on, by ReverseReplication or StartReplication,
   * that stall half way through their initial sync (STALLED, progress frozen) instead of
   * becoming CONTINUOUS.
   */
  stallReplicationShare: number;
  /**
   * How automations of a document (by name) started from now on end, overriding the
   * document's own outcome. Replaced as a whole by `setFaults`.
   */
  automationFaults: Record<string, AutomationOutcome>;
  /**
   * Recovery instances (by their source server's ID or hostname) whose EC2 status check fails
   * (`impaired`) from now on, once it has run; removing one makes it pass again. Replaced as a
   * whole by `setFaults`.
   */
  failStatusChecks: Record<string, StatusCheck>;
  /**
   * CloudFormation resources (by logical ID, or by type such as `AWS::IAM::Role`) that fail
   * when a stack operation started from now on creates or updates them: the stack rolls back.
   * Replaced as a whole by `setFaults`.
   */
  failStackResources: Record<string, StackResourceFailure>;
}

/**
 * When a CloudFormation resource fails: as it is created, or as it is updated (or replaced).
 *
 * @public
 */
export type StackResourceFailure = 'create' | 'update';

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
  stallReplicationShare: 0,
  automationFaults: {},
  failStatusChecks: {},
  failStackResources: {},
};

const SHARES = [
  'throttleShare',
  'internalErrorShare',
  'internalErrorAfterCommitShare',
  'hangJobShare',
  'missingRecoveryInstanceIdShare',
  'stallReplicationShare',
] as const;

const NON_NEGATIVE = ['throttleRetryAfterSeconds', 'latencyMs'] as const;

/** Faults that map a name to what happens to it, with the values each allows and what it names. */
const KEYED_FAULTS = {
  failServers: {
    names: 'a source server ID or hostname',
    values: ['launch', 'cleanup'],
  },
  automationFaults: {
    names: 'an automation document name',
    values: ['success', 'fail', 'timeout', 'hang'],
  },
  failStatusChecks: {
    names: 'a source server ID or hostname',
    values: ['instance', 'system'],
  },
  failStackResources: {
    names: 'a logical resource ID or resource type',
    values: ['create', 'update'],
  },
};

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
    } else if (Object.hasOwn(KEYED_FAULTS, key)) {
      const faultKey = key as keyof typeof KEYED_FAULTS;
      merged[faultKey] = checkKeyedFault(faultKey, value) as never;
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

function checkKeyedFault(
  key: keyof typeof KEYED_FAULTS,
  value: unknown,
): Record<string, string> {
  const { names, values } = KEYED_FAULTS[key];
  const allowed = values.join(' or ');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingsError(`${key} must map ${names} to ${allowed}`);
  }
  for (const [name, outcome] of Object.entries(value)) {
    if (!values.includes(outcome as string)) {
      throw new SettingsError(
        `${key}.${name} must be ${allowed}, got ${JSON.stringify(outcome)}`,
      );
    }
  }
  return { ...(value as Record<string, string>) };
}

/**
 * When each entry of a keyed fault began: kept for entries that stay as they were, `now` for
 * new or changed ones; removed entries are forgotten.
 */
export function entriesSince(
  before: Record<string, string>,
  after: Record<string, string>,
  since: Record<string, number>,
  now: number,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after).map(([name, value]) => [
      name,
      before[name] === value && since[name] !== undefined ? since[name] : now,
    ]),
  );
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
