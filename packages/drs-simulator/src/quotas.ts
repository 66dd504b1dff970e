import { SettingsError } from './errors';

/**
 * DRS quotas per account and region (adjustable in AWS, so configurable here).
 *
 * @public
 */
export interface SimulatorQuotas {
  /** Source servers in one StartRecovery job. */
  maxServersPerJob: number;
  /** Jobs not yet COMPLETED. */
  maxConcurrentJobs: number;
  /** Source servers across all jobs not yet COMPLETED. */
  maxServersInActiveJobs: number;
}

/**
 * AWS's default DRS quotas, which the simulator enforces unless told otherwise.
 *
 * @public
 */
export const DEFAULT_QUOTAS: SimulatorQuotas = {
  maxServersPerJob: 100,
  maxConcurrentJobs: 20,
  maxServersInActiveJobs: 500,
};

export function resolveQuotas(
  overrides: Partial<SimulatorQuotas> = {},
): SimulatorQuotas {
  const quotas = { ...DEFAULT_QUOTAS, ...overrides };
  for (const [name, value] of Object.entries(quotas)) {
    if (!(name in DEFAULT_QUOTAS)) {
      throw new SettingsError(`unknown quota ${name}`);
    }
    if (!Number.isInteger(value) || value < 1) {
      throw new SettingsError(`quota ${name} must be an integer >= 1`);
    }
  }
  return quotas;
}
