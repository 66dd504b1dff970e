/**
 * Validation of the steps around waves, the health timeout and drill cleanup: the shapes (zod)
 * and the rules across fields. SSM's limits are those of its StartAutomationExecution model.
 */
import { z } from 'zod';
import { PlanIssue } from './planIssues';
import { stepTimeoutSeconds } from './steps';
import { PlanStep, STEP_FAILURE_POLICIES, StepPhase } from './stepTypes';
import { PlanWave, RecoveryPlanInput } from './types';

/**
 * Most steps a wave may have, before and after together.
 *
 * @public
 */
export const MAX_STEPS_PER_WAVE = 10;
/**
 * Bounds of a step's timeout in seconds: 10 seconds to 7 days (the longest a plan may run).
 *
 * @public
 */
export const STEP_TIMEOUT_SECONDS_RANGE = { min: 10, max: 7 * 24 * 60 * 60 };
/**
 * Bounds of a wait step's length in seconds: 1 second to 24 hours.
 *
 * @public
 */
export const WAIT_SECONDS_RANGE = { min: 1, max: 24 * 60 * 60 };
/**
 * Bounds of a wave's health timeout in seconds: 1 minute to 24 hours.
 *
 * @public
 */
export const HEALTH_TIMEOUT_SECONDS_RANGE = { min: 60, max: 24 * 60 * 60 };
/**
 * Bounds of a drill's keep-alive in seconds: at once to 7 days.
 *
 * @public
 */
export const KEEP_ALIVE_SECONDS_RANGE = { min: 0, max: 7 * 24 * 60 * 60 };

/**
 * An SSM document as StartAutomationExecution takes it: a name, or the ARN of a shared one.
 *
 * @public
 */
export const SSM_DOCUMENT_NAME_PATTERN = /^[a-zA-Z0-9_\-.:/]{3,128}$/;
/**
 * An SSM document version: `$DEFAULT`, `$LATEST` or a version number.
 *
 * @public
 */
export const SSM_DOCUMENT_VERSION_PATTERN =
  /^(\$DEFAULT|\$LATEST|[1-9][0-9]*)$/;
/**
 * SSM's limits on an automation's parameters: names of 1 to 50 characters, at most 200 of
 * them, at most 50 values each, each value 1 to 512 characters.
 *
 * @public
 */
export const SSM_PARAMETER_LIMITS = {
  maxNameLength: 50,
  maxParameters: 200,
  maxValues: 50,
  maxValueLength: 512,
};

const PARAMETER_VALUE_MESSAGE =
  'Parameter values are strings or lists of strings';

const parameterName = z
  .string()
  .min(1, 'Parameter names are not empty')
  .max(
    SSM_PARAMETER_LIMITS.maxNameLength,
    `SSM parameter names are at most ${SSM_PARAMETER_LIMITS.maxNameLength} characters`,
  );

/** SSM's shape is a list of strings per name; a single string is taken as a list of one. */
const parameterValues = z.preprocess(
  value => (typeof value === 'string' ? [value] : value),
  z
    .array(
      z
        .string({ invalid_type_error: PARAMETER_VALUE_MESSAGE })
        .min(1, 'SSM refuses empty parameter values')
        .max(
          SSM_PARAMETER_LIMITS.maxValueLength,
          `SSM parameter values are at most ${SSM_PARAMETER_LIMITS.maxValueLength} characters`,
        ),
      { invalid_type_error: PARAMETER_VALUE_MESSAGE },
    )
    .max(
      SSM_PARAMETER_LIMITS.maxValues,
      `SSM takes at most ${SSM_PARAMETER_LIMITS.maxValues} values per parameter`,
    ),
);

const seconds = (what: string, range: { min: number; max: number }) =>
  z
    .number({ invalid_type_error: `${what} is a number of seconds` })
    .int(`${what} is a whole number of seconds`)
    .min(range.min, `${what} is at least ${range.min} seconds`)
    .max(range.max, `${what} is at most ${range.max} seconds`);

const stepFields = {
  name: z
    .string({ required_error: 'Give the step a name' })
    .trim()
    .min(1, 'Give the step a name')
    .max(64, 'Step names are at most 64 characters'),
  timeoutSeconds: seconds(
    'A step timeout',
    STEP_TIMEOUT_SECONDS_RANGE,
  ).optional(),
  onFailure: z
    .enum(STEP_FAILURE_POLICIES, {
      errorMap: () => ({ message: 'onFailure is fail or continue' }),
    })
    .optional(),
};

const automationStep = z
  .object({
    type: z.literal('automation'),
    ...stepFields,
    documentName: z
      .string({
        required_error: 'An automation step names the SSM document to run',
      })
      .regex(
        SSM_DOCUMENT_NAME_PATTERN,
        'SSM document names are 3 to 128 letters, digits and _ - . (an ARN may add : and /)',
      ),
    documentVersion: z
      .string()
      .regex(
        SSM_DOCUMENT_VERSION_PATTERN,
        'SSM document versions are $DEFAULT, $LATEST or a version number such as 3',
      )
      .optional(),
    parameters: z
      .record(parameterName, parameterValues)
      .refine(
        parameters =>
          Object.keys(parameters).length <= SSM_PARAMETER_LIMITS.maxParameters,
        `SSM takes at most ${SSM_PARAMETER_LIMITS.maxParameters} parameters`,
      )
      .optional(),
    instanceIdsParameter: parameterName.optional(),
  })
  .strict();

const approvalStep = z
  .object({ type: z.literal('approval'), ...stepFields })
  .strict();

const waitStep = z
  .object({
    type: z.literal('wait'),
    ...stepFields,
    seconds: seconds('A wait', WAIT_SECONDS_RANGE),
  })
  .strict();

const stepSchema = z.discriminatedUnion(
  'type',
  [automationStep, approvalStep, waitStep],
  {
    errorMap: (issue, context) =>
      issue.code === 'invalid_union_discriminator'
        ? { message: 'A step is of type automation, approval or wait' }
        : { message: context.defaultError },
  },
);

/** The fields a plan wave adds for its steps and health gate. */
export const waveStepFields = {
  before: z.array(stepSchema).optional(),
  after: z.array(stepSchema).optional(),
  healthTimeoutSeconds: seconds(
    'The health timeout',
    HEALTH_TIMEOUT_SECONDS_RANGE,
  ).optional(),
};

/** A plan's drill cleanup. */
export const drillCleanupSchema = z
  .object({
    keepAliveSeconds: seconds('The keep-alive', KEEP_ALIVE_SECONDS_RANGE),
  })
  .strict();

type Report = (path: string, message: string) => void;

/** Rules of an automation step that receives the wave's instance IDs. */
function checkInstanceIdsParameter(
  wave: PlanWave,
  phase: StepPhase,
  step: Extract<PlanStep, { type: 'automation' }>,
  path: string,
  error: Report,
) {
  const parameter = step.instanceIdsParameter;
  if (parameter === undefined) return;
  const at = `${path}.instanceIdsParameter`;
  if (phase === 'before') {
    error(
      at,
      'Before steps run before the wave launches, so there are no instance IDs yet; only after steps can receive them',
    );
  }
  if (step.parameters && parameter in step.parameters) {
    error(
      at,
      `Parameter "${parameter}" is also set in parameters; the wave's instance IDs would replace it`,
    );
  }
  if (wave.sourceServerIds.length > SSM_PARAMETER_LIMITS.maxValues) {
    error(
      at,
      `SSM takes at most ${SSM_PARAMETER_LIMITS.maxValues} values per parameter, and wave "${wave.name}" has ${wave.sourceServerIds.length} servers`,
    );
  }
}

function checkWaveSteps(wave: PlanWave, i: number, error: Report) {
  const before = wave.before ?? [];
  const after = wave.after ?? [];
  const count = before.length + after.length;
  if (count > MAX_STEPS_PER_WAVE) {
    error(
      `waves[${i}].${after.length > 0 ? 'after' : 'before'}`,
      `Wave "${wave.name}" has ${count} steps; a wave has at most ${MAX_STEPS_PER_WAVE} (before and after together)`,
    );
  }
  const seen = new Map<string, string>();
  const check = (phase: StepPhase) => (step: PlanStep, j: number) => {
    const path = `waves[${i}].${phase}[${j}]`;
    const earlier = seen.get(step.name);
    if (earlier) {
      error(
        `${path}.name`,
        `Step name "${step.name}" is already used by ${earlier} of wave "${wave.name}"`,
      );
    } else {
      seen.set(step.name, `${phase} step ${j + 1}`);
    }
    if (step.type === 'wait' && step.seconds > stepTimeoutSeconds(step)) {
      error(
        `${path}.timeoutSeconds`,
        `The wait lasts ${step.seconds} s, longer than its ${step.timeoutSeconds} s timeout; raise the timeout or shorten the wait`,
      );
    }
    if (step.type === 'automation') {
      checkInstanceIdsParameter(wave, phase, step, path, error);
    }
  };
  before.forEach(check('before'));
  after.forEach(check('after'));
}

/** Rules of the plan's steps and health timeouts that a schema cannot express. */
export function validatePlanSteps(plan: RecoveryPlanInput): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const error: Report = (path, message) =>
    issues.push({ path, message, severity: 'error' });
  plan.waves.forEach((wave, i) => {
    checkWaveSteps(wave, i, error);
    if (wave.healthTimeoutSeconds !== undefined && wave.waitFor !== 'HEALTHY') {
      issues.push({
        path: `waves[${i}].healthTimeoutSeconds`,
        message: `Wave "${wave.name}" waits for LAUNCHED: a health timeout applies only to a wave that waits for HEALTHY`,
        severity: 'warning',
      });
    }
  });
  return issues;
}
