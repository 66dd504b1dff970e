import { z } from 'zod';
import { drillScheduleSchema } from './drillScheduleSchema';
import { objectiveDurationSchema } from './objectiveDurations';
import { PLAN_MODES, WAIT_FOR_VALUES } from './statuses';
import { PlanIssue } from './planIssues';
import {
  drillCleanupSchema,
  validatePlanSteps,
  waveStepFields,
} from './stepValidation';
import { PlanWave, RecoveryPlanInput } from './types';
import { failbackOrderIssues } from './failbackOrder';

/**
 * DRS quotas per account and region (AWS defaults; adjustable there, so configurable here).
 *
 * @public
 */
export interface DrsQuotas {
  /** Most source servers one job, so one wave, may launch. */
  maxServersPerJob: number;
  /** Most DRS jobs active at once. */
  maxConcurrentJobs: number;
  /** Most source servers in all active jobs together. */
  maxServersInActiveJobs: number;
}

/**
 * AWS's default DRS quotas, for accounts where none were raised.
 *
 * @public
 */
export const DEFAULT_DRS_QUOTAS: DrsQuotas = {
  maxServersPerJob: 100,
  maxConcurrentJobs: 20,
  maxServersInActiveJobs: 500,
};

/**
 * A DRS source server ID: `s-` and 17 letters or digits.
 *
 * @public
 */
export const SOURCE_SERVER_ID_PATTERN = /^s-[0-9a-zA-Z]{17}$/;
export const MAX_WAVES_PER_PLAN = 20;
/**
 * Timeout of a plan that sets none: 6 hours.
 *
 * @public
 */
export const DEFAULT_TIMEOUT_MINUTES = 6 * 60;
export const MAX_TIMEOUT_MINUTES = 7 * 24 * 60;

const waveSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Give the wave a name')
      .max(64, 'Wave names are at most 64 characters'),
    sourceServerIds: z
      .array(
        z
          .string()
          .regex(
            SOURCE_SERVER_ID_PATTERN,
            'Source server IDs look like s-1234567890abcdef0 (s- and 17 letters or digits)',
          ),
      )
      .min(1, 'A wave needs at least one source server'),
    waitFor: z.enum(WAIT_FOR_VALUES).default('LAUNCHED'),
    pauseBefore: z.boolean().default(false),
    dependsOn: z.array(z.string()).default([]),
    ...waveStepFields,
  })
  .strict();

/**
 * The plan a person submits; unknown fields are refused rather than silently dropped.
 *
 * @public
 */
export const recoveryPlanInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'Give the plan a name')
      .max(100, 'Plan names are at most 100 characters'),
    description: z
      .string()
      .max(2000, 'Descriptions are at most 2000 characters')
      .default(''),
    defaultMode: z.enum(PLAN_MODES).default('DRILL'),
    timeoutMinutes: z
      .number()
      .int('The timeout is a whole number of minutes')
      .min(1, 'The timeout is at least 1 minute')
      .max(MAX_TIMEOUT_MINUTES, 'The timeout is at most 7 days (10080 minutes)')
      .default(DEFAULT_TIMEOUT_MINUTES),
    waves: z
      .array(waveSchema)
      .min(1, 'A plan needs at least one wave')
      .max(
        MAX_WAVES_PER_PLAN,
        `A plan has at most ${MAX_WAVES_PER_PLAN} waves`,
      ),
    drillCleanup: drillCleanupSchema.optional(),
    drillSchedule: drillScheduleSchema.optional(),
    failbackWaveOrder: z
      .array(z.string().min(1).max(64))
      .max(MAX_WAVES_PER_PLAN, `A plan has at most ${MAX_WAVES_PER_PLAN} waves`)
      .optional(),
    rto: objectiveDurationSchema.optional(),
    rpo: objectiveDurationSchema.optional(),
  })
  .strict();

/**
 * The waves each wave waits for: its `dependsOn`, or, when it names none, the wave before it.
 * Sequential by default is what DR runbooks expect; explicit dependencies allow parallel waves.
 *
 * @public
 */
export function effectiveDependencies(waves: PlanWave[]): string[][] {
  return waves.map((wave, index) => {
    if (wave.dependsOn.length > 0) return wave.dependsOn;
    return index > 0 ? [waves[index - 1].name] : [];
  });
}

function findCycle(waves: PlanWave[]): string[] | undefined {
  const deps = new Map(
    waves.map((wave, i) => [wave.name, effectiveDependencies(waves)[i]]),
  );
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') {
      return [...stack.slice(stack.indexOf(name)), name];
    }
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of deps.get(name) ?? []) {
      // Unknown and self dependencies have issues of their own.
      if (!deps.has(dep) || dep === name) continue;
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(name, 'done');
    return undefined;
  };
  for (const wave of waves) {
    const cycle = visit(wave.name);
    if (cycle) return cycle;
  }
  return undefined;
}

/**
 * Rules across fields that a schema cannot express: unique names and servers, sizes,
 * dependencies, and the steps' rules (validatePlanSteps).
 *
 * @public
 */
export function validatePlanStructure(
  plan: RecoveryPlanInput,
  quotas: DrsQuotas = DEFAULT_DRS_QUOTAS,
): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const error = (path: string, message: string) =>
    issues.push({ path, message, severity: 'error' });

  const waveIndexByName = new Map<string, number>();
  plan.waves.forEach((wave, i) => {
    if (waveIndexByName.has(wave.name)) {
      error(
        `waves[${i}].name`,
        `Wave name "${wave.name}" is already used by wave ${
          waveIndexByName.get(wave.name)! + 1
        }`,
      );
    } else {
      waveIndexByName.set(wave.name, i);
    }
  });

  const waveOfServer = new Map<string, number>();
  plan.waves.forEach((wave, i) => {
    if (wave.sourceServerIds.length > quotas.maxServersPerJob) {
      issues.push({
        path: `waves[${i}].sourceServerIds`,
        message: `Wave "${wave.name}" has ${wave.sourceServerIds.length} servers; DRS launches at most ${quotas.maxServersPerJob} in one job. Split it into several waves.`,
        severity: 'error',
        kind: 'quota',
      });
    }
    for (const id of wave.sourceServerIds) {
      const seenIn = waveOfServer.get(id);
      if (seenIn === undefined) {
        waveOfServer.set(id, i);
      } else if (seenIn === i) {
        error(
          `waves[${i}].sourceServerIds`,
          `Server ${id} is listed twice in wave "${wave.name}"`,
        );
      } else {
        error(
          `waves[${i}].sourceServerIds`,
          `Server ${id} is already in wave "${plan.waves[seenIn].name}"; a server can be in one wave only`,
        );
      }
    }
    wave.dependsOn.forEach(dep => {
      if (dep === wave.name) {
        error(
          `waves[${i}].dependsOn`,
          `Wave "${wave.name}" cannot depend on itself`,
        );
      } else if (!waveIndexByName.has(dep)) {
        error(
          `waves[${i}].dependsOn`,
          `Wave "${wave.name}" depends on "${dep}", which is not a wave of this plan`,
        );
      }
    });
  });

  // With two waves of one name, "depends on the wave before" is ambiguous: no cycle to speak of.
  const namesAreUnique = waveIndexByName.size === plan.waves.length;
  const cycle = namesAreUnique ? findCycle(plan.waves) : undefined;
  if (cycle) {
    error('waves', `Wave dependencies form a cycle: ${cycle.join(' → ')}`);
  }
  if (waveOfServer.size > quotas.maxServersInActiveJobs) {
    issues.push({
      path: 'waves',
      message: `The plan has ${waveOfServer.size} servers; DRS allows ${quotas.maxServersInActiveJobs} across active jobs, so parallel waves may be refused`,
      severity: 'warning',
      kind: 'quota',
    });
  }
  issues.push(...failbackOrderIssues(plan));
  return [...issues, ...validatePlanSteps(plan)];
}
