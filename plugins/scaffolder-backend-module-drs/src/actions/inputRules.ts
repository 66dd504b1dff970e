import { InputError } from '@backstage/errors';

/** A rule a string input must follow, with the message a person can act on. */
export interface InputRule {
  pattern: RegExp;
  message: string;
}

export const AWS_REGION_RULE: InputRule = {
  pattern: /^[a-z]{2}(-[a-z]+)+-\d$/,
  message: 'must be an AWS region such as us-east-1 or eu-west-2',
};

export const AWS_ACCOUNT_ID_RULE: InputRule = {
  pattern: /^\d{12}$/,
  message: 'must be a 12-digit AWS account ID',
};

export const ENVIRONMENT_NAME_RULE: InputRule = {
  pattern: /^[a-z0-9][a-z0-9-]{0,31}$/,
  message: 'must be 1-32 lower-case letters, digits or hyphens (e.g. prod)',
};

/** Table names are 3-255 of [A-Za-z0-9_.-]; the stack template allows prefixes of up to 200. */
export const TABLE_PREFIX_RULE: InputRule = {
  pattern: /^[A-Za-z0-9_.-]{1,200}$/,
  message:
    'must be 1-200 letters, digits, underscores, dots or hyphens (e.g. drs-orchestration-prod-)',
};

export const STACK_NAME_RULE: InputRule = {
  pattern: /^[A-Za-z][A-Za-z0-9-]{0,127}$/,
  message:
    'must start with a letter and contain only letters, digits and hyphens (at most 128)',
};

export const PRINCIPAL_ARN_RULE: InputRule = {
  pattern: /^arn:aws[a-z-]*:(iam|sts)::\d{12}:[A-Za-z0-9+=,.@_/-]+$/,
  message:
    'must be an IAM role, user or assumed-role ARN (arn:aws:iam::123456789012:role/backstage)',
};

export const EMAIL_RULE: InputRule = {
  pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  message: 'must be an e-mail address',
};

/** As the stack template's AutomationDocuments parameter allows: names, each may end in *. */
export const AUTOMATION_DOCUMENTS_RULE: InputRule = {
  pattern: /^[A-Za-z0-9_.-]+\*?(,[A-Za-z0-9_.-]+\*?)*$/,
  message:
    'must be SSM Automation runbook names (letters, digits, _ . -), each may end in *, separated by commas (e.g. Checkout-*,AWS-RestartEC2Instance)',
};

export const ROLE_ARN_RULE: InputRule = {
  pattern: /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/,
  message:
    'must be an IAM role ARN (arn:aws:iam::123456789012:role/drs-runbooks)',
};

/**
 * A CloudWatch metrics namespace as the stack's MetricsNamespace parameter allows it; CloudWatch
 * refuses one starting with a colon, and `AWS/` is AWS's own.
 */
export const METRICS_NAMESPACE_RULE: InputRule = {
  pattern: /^(?!:)(?!AWS\/)[A-Za-z0-9._/#:-]{1,255}$/,
  message:
    'must be 1-255 letters, digits or . _ / # : -, not starting with a colon or AWS/ (e.g. DRSOrchestration/prod)',
};

export const PLAN_ID_RULE: InputRule = {
  pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  message: 'must be a plan ID as the DRS backend returns it (a UUID)',
};

export interface InputCheck {
  field: string;
  value: string | undefined;
  rule: InputRule;
  optional?: boolean;
}

function problemOf(check: InputCheck): string | undefined {
  if (check.value === undefined) {
    return check.optional ? undefined : `${check.field} is required`;
  }
  return check.rule.pattern.test(check.value)
    ? undefined
    : `${check.field} "${check.value}" ${check.rule.message}`;
}

/**
 * Checks string inputs against their rules and throws one InputError naming every bad field.
 * The scaffolder validates the JSON schema before an action runs, but actions are also
 * called directly (tests, other modules), and a rule checked here reads better in the task log.
 */
export function checkInputs(action: string, checks: InputCheck[]): void {
  const problems = checks.map(problemOf).filter(Boolean);
  if (problems.length > 0) {
    throw new InputError(`Invalid input to ${action}: ${problems.join('; ')}`);
  }
}
