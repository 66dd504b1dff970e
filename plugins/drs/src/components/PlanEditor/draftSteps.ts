import {
  PlanStep,
  StepFailurePolicy,
  StepType,
} from '@drs-orchestration/plugin-drs-common';
import { nextKey, unusedName } from './listEdits';

/** A runbook parameter being edited. */
export interface DraftParameter {
  key: number;
  name: string;
  /** The parameter's values, one per line: SSM takes a list of strings per name. */
  values: string;
}

/**
 * A step being edited. It holds the fields of every type, so changing its type and back keeps
 * what was typed; the save sends only its type's fields.
 */
export interface DraftStep {
  key: number;
  type: StepType;
  name: string;
  /** Absent: the type's default. */
  timeoutSeconds?: number;
  onFailure: StepFailurePolicy;
  documentName: string;
  documentVersion: string;
  parameters: DraftParameter[];
  /** Empty: the runbook does not receive the wave's instance IDs. */
  instanceIdsParameter: string;
  /** A wait's length; NaN while its field is empty. */
  seconds: number;
}

export type StepChange = Partial<Omit<DraftStep, 'key'>>;

const DEFAULT_WAIT_SECONDS = 5 * 60;

function blankStep(name: string): DraftStep {
  return {
    key: nextKey(),
    type: 'automation',
    name,
    onFailure: 'fail',
    documentName: '',
    documentVersion: '',
    parameters: [],
    instanceIdsParameter: '',
    seconds: DEFAULT_WAIT_SECONDS,
  };
}

export function draftParameter(name = '', values = ''): DraftParameter {
  return { key: nextKey(), name, values };
}

export function draftStepOf(step: PlanStep): DraftStep {
  const draft: DraftStep = {
    ...blankStep(step.name),
    type: step.type,
    timeoutSeconds: step.timeoutSeconds,
    onFailure: step.onFailure ?? 'fail',
  };
  if (step.type === 'wait') return { ...draft, seconds: step.seconds };
  if (step.type === 'approval') return draft;
  return {
    ...draft,
    documentName: step.documentName,
    documentVersion: step.documentVersion ?? '',
    parameters: Object.entries(step.parameters ?? {}).map(([name, values]) =>
      draftParameter(name, values.join('\n')),
    ),
    instanceIdsParameter: step.instanceIdsParameter ?? '',
  };
}

function isBlank(parameter: DraftParameter): boolean {
  return !parameter.name.trim() && !parameter.values.trim();
}

/** The parameters in SSM's shape; rows left blank are not sent. */
export function parametersOf(
  parameters: DraftParameter[],
): Record<string, string[]> {
  return Object.fromEntries(
    parameters
      .filter(parameter => !isBlank(parameter))
      .map(parameter => [
        parameter.name.trim(),
        parameter.values
          .split('\n')
          .map(value => value.trim())
          .filter(Boolean),
      ]),
  );
}

/** Optional text fields: left empty, they are not sent. */
function optionalText<K extends string>(key: K, text: string) {
  const trimmed = text.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}

export function stepInputOf(step: DraftStep): PlanStep {
  const base = {
    name: step.name,
    ...(step.timeoutSeconds === undefined
      ? {}
      : { timeoutSeconds: step.timeoutSeconds }),
    onFailure: step.onFailure,
  };
  if (step.type === 'approval') return { type: 'approval', ...base };
  if (step.type === 'wait') {
    return { type: 'wait', ...base, seconds: step.seconds };
  }
  const parameters = parametersOf(step.parameters);
  return {
    type: 'automation',
    ...base,
    documentName: step.documentName.trim(),
    ...optionalText('documentVersion', step.documentVersion),
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    ...optionalText('instanceIdsParameter', step.instanceIdsParameter),
  };
}

/** A new automation step at the end, named so it clashes with no step of its wave. */
export function addStep(steps: DraftStep[], waveStepNames: string[]) {
  return [...steps, blankStep(unusedName('Step', waveStepNames, 1))];
}

/** Parameter names given twice in one step: the plan's shape keeps one value list per name. */
export function repeatedParameterNames(step: DraftStep): string[] {
  const names = step.parameters
    .filter(parameter => !isBlank(parameter))
    .map(parameter => parameter.name.trim());
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}
