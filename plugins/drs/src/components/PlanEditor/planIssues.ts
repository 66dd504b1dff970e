import { ResponseError } from '@backstage/errors';
import {
  formatIssuePath,
  PlanIssue,
  recoveryPlanInputSchema,
  RecoveryPlanInput,
  validatePlanStructure,
} from '@drs-orchestration/plugin-drs-common';

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

/** The issues a 400 answer to a plan save carries. */
export function issuesOfError(error: Error): PlanIssue[] {
  if (!(error instanceof ResponseError)) return [];
  const issues = (error.body as { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues as PlanIssue[]) : [];
}

const PLAN_FIELDS = ['name', 'description', 'defaultMode', 'timeoutMinutes'];
/** Wave fields with an input of their own; the wave's other issues show on the wave. */
const WAVE_FIELDS = ['name', 'sourceServerIds'];
export const WAVE_LEVEL = '';

export interface IssuesByField {
  /** Issues of the plan as a whole, e.g. a dependency cycle. */
  general: PlanIssue[];
  plan: Record<string, PlanIssue[]>;
  /** By wave index, then field (WAVE_LEVEL for the wave as a whole). */
  waves: Record<number, Record<string, PlanIssue[]>>;
}

function push(
  group: Record<string, PlanIssue[]>,
  key: string,
  issue: PlanIssue,
) {
  (group[key] ??= []).push(issue);
}

/** Places each issue at the field its path names, e.g. `waves[1].sourceServerIds[0]`. */
export function groupIssues(issues: PlanIssue[]): IssuesByField {
  const grouped: IssuesByField = { general: [], plan: {}, waves: {} };
  for (const issue of issues) {
    const wave = /^waves\[(\d+)\](?:\.(\w+))?/.exec(issue.path);
    const field = /^(\w+)/.exec(issue.path)?.[1] ?? '';
    if (wave) {
      const index = Number(wave[1]);
      const waveField = WAVE_FIELDS.includes(wave[2]) ? wave[2] : WAVE_LEVEL;
      push((grouped.waves[index] ??= {}), waveField, issue);
    } else if (PLAN_FIELDS.includes(field)) {
      push(grouped.plan, field, issue);
    } else {
      grouped.general.push(issue);
    }
  }
  return grouped;
}

/** TextField props showing a field's issues under it. */
export function fieldIssueProps(issues: PlanIssue[] | undefined) {
  if (!issues?.length) return {};
  return {
    error: issues.some(issue => issue.severity === 'error'),
    helperText: issues.map(issue => issue.message).join(' · '),
  };
}
