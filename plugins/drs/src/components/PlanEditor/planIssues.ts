import { ResponseError } from '@backstage/errors';
import {
  formatIssuePath,
  hasErrors,
  PlanIssue,
  recoveryPlanInputSchema,
  RecoveryPlanInput,
  STEP_PHASES,
  validatePlanStructure,
} from '@drs-orchestration/plugin-drs-common';
import { repeatedParameterNames } from './draftSteps';
import { PlanDraft } from './planDraft';

/** The backend's own rules, run before sending so mistakes show at once. */
export function checkPlan(input: RecoveryPlanInput): PlanIssue[] {
  const parsed = recoveryPlanInputSchema.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map(issue => ({
      path: formatIssuePath(issue.path),
      message: issue.message,
      severity: 'error',
    }));
  }
  return validatePlanStructure(parsed.data);
}

/** Mistakes the plan's shape cannot hold: a parameter in two rows would lose one of them. */
export function checkDraft(draft: PlanDraft): PlanIssue[] {
  return draft.waves.flatMap((wave, i) =>
    STEP_PHASES.flatMap(phase =>
      wave[phase].flatMap((step, j) =>
        repeatedParameterNames(step).map(name => ({
          path: `waves[${i}].${phase}[${j}].parameters.${name}`,
          message: `Parameter "${name}" has two rows; give it one row, with its values one per line`,
          severity: 'error' as const,
        })),
      ),
    ),
  );
}

/** The issues a 400 answer to a plan save carries. */
export function issuesOfError(error: Error): PlanIssue[] {
  if (!(error instanceof ResponseError)) return [];
  const issues = (error.body as { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues as PlanIssue[]) : [];
}

const PLAN_FIELDS = [
  'name',
  'description',
  'defaultMode',
  'timeoutMinutes',
  'drillCleanup',
  'drillSchedule',
  'rto',
  'rpo',
];
/** Wave fields with an input of their own; the wave's other issues show on the wave. */
const WAVE_FIELDS = ['name', 'sourceServerIds', 'healthTimeoutSeconds'];
/** The key of the issues of a wave, a step or a list as a whole. */
export const WHOLE = '';

export interface IssuesByField {
  /** Issues of the plan as a whole, e.g. a dependency cycle. */
  general: PlanIssue[];
  plan: Record<string, PlanIssue[]>;
  /**
   * By wave index, then field (WHOLE for the wave as a whole). Steps' issues are keyed by their
   * path in the wave: `before` (the list), `before[0]` (the step), `before[0].documentName`,
   * `before[0].parameters.Name` (a parameter, its values' index dropped).
   */
  waves: Record<number, Record<string, PlanIssue[]>>;
}

function push(
  group: Record<string, PlanIssue[]>,
  key: string,
  issue: PlanIssue,
) {
  (group[key] ??= []).push(issue);
}

/** The key of a wave's issue, from its path in the wave, e.g. `after[0].seconds`. */
function waveFieldOf(pathInWave: string): string {
  const step =
    /^((?:before|after)(?:\[\d+\])?)(?:\.(parameters(?:\.[^[]*)?|\w+))?/.exec(
      pathInWave,
    );
  if (step) return step[2] ? `${step[1]}.${step[2]}` : step[1];
  const field = /^\w+/.exec(pathInWave)?.[0] ?? '';
  return WAVE_FIELDS.includes(field) ? field : WHOLE;
}

/** Places each issue at the field its path names, e.g. `waves[1].sourceServerIds[0]`. */
export function groupIssues(issues: PlanIssue[]): IssuesByField {
  const grouped: IssuesByField = { general: [], plan: {}, waves: {} };
  for (const issue of issues) {
    const wave = /^waves\[(\d+)\]\.?(.*)$/.exec(issue.path);
    const field = /^(\w+)/.exec(issue.path)?.[1] ?? '';
    if (wave) {
      const index = Number(wave[1]);
      push((grouped.waves[index] ??= {}), waveFieldOf(wave[2]), issue);
    } else if (PLAN_FIELDS.includes(field)) {
      push(grouped.plan, field, issue);
    } else {
      grouped.general.push(issue);
    }
  }
  return grouped;
}

/**
 * The issues of one part of a group (`before[1]`, `parameters`), keyed by the rest of their
 * path: WHOLE for the part itself.
 */
export function issuesUnder(
  group: Record<string, PlanIssue[]>,
  part: string,
): Record<string, PlanIssue[]> {
  const under: Record<string, PlanIssue[]> = {};
  for (const [key, issues] of Object.entries(group)) {
    if (key === part) under[WHOLE] = issues;
    else if (key.startsWith(`${part}.`))
      under[key.slice(part.length + 1)] = issues;
  }
  return under;
}

/** The group's issues not at one of the fields shown (a field's parameters count as shown under it). */
export function issuesElsewhere(
  group: Record<string, PlanIssue[]>,
  shownFields: string[],
): PlanIssue[] {
  return Object.entries(group)
    .filter(([key]) => !shownFields.includes(key.split('.')[0]))
    .flatMap(([, issues]) => issues);
}

/** Whether any issue of the group is an error. */
export function hasErrorIn(group: Record<string, PlanIssue[]>): boolean {
  return hasErrors(Object.values(group).flat());
}

/** TextField props showing a field's issues under it. */
export function fieldIssueProps(issues: PlanIssue[] | undefined) {
  if (!issues?.length) return {};
  return {
    error: issues.some(issue => issue.severity === 'error'),
    helperText: issues.map(issue => issue.message).join(' · '),
  };
}
