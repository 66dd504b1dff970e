import {
  AWS_ACCOUNT_ID_RULE,
  AWS_REGION_RULE,
  AUTOMATION_DOCUMENTS_RULE,
  checkInputs,
  EMAIL_RULE,
  ENVIRONMENT_NAME_RULE,
  METRICS_NAMESPACE_RULE,
  PRINCIPAL_ARN_RULE,
  ROLE_ARN_RULE,
  STACK_NAME_RULE,
  TABLE_PREFIX_RULE,
} from '../inputRules';

export const DEPLOY_STACK_ACTION_ID = 'drs:stack:deploy';

/** The stack template's MetricsNamespace default, and the engine's usual namespace. */
export const DEFAULT_METRICS_NAMESPACE = 'DRSOrchestration';

export interface DeployStackInput {
  accountId?: string;
  region: string;
  environmentName: string;
  tablePrefix: string;
  alarmEmail?: string;
  backstagePrincipalArn: string;
  stackName?: string;
  validateOnly?: boolean;
  allowTableReplacement?: boolean;
  /** Runbooks the backend role may start: comma-separated names or prefixes ending in *, or a list. */
  automationDocuments?: string | string[];
  /** The role runbooks run as, which the backend role may pass to SSM. */
  automationAssumeRoleArn?: string;
  /**
   * Namespace of the engine's CloudWatch metrics (the backend's drs.cloudWatch.namespace): the
   * alarms read it, the backend role may put metrics there only. Default DRSOrchestration.
   */
  metricsNamespace?: string;
}

export interface DeployStackSettings {
  accountId?: string;
  region: string;
  stackName: string;
  validateOnly: boolean;
  allowTableReplacement: boolean;
  /** The stack template's parameters. */
  parameters: {
    EnvironmentName: string;
    TablePrefix: string;
    AlarmEmail: string;
    BackstagePrincipalArn: string;
    AutomationDocuments: string;
    AutomationAssumeRoleArn: string;
    MetricsNamespace: string;
  };
}

/** A list, or a comma-separated string (spaces allowed), as the template's one string. */
function automationDocumentsOf(
  value: DeployStackInput['automationDocuments'],
): string | undefined {
  const names = (Array.isArray(value) ? value : (value ?? '').split(','))
    .map(name => name.trim())
    .filter(Boolean);
  return names.length > 0 ? names.join(',') : undefined;
}

/** Checks the input and applies the defaults. */
export function readDeployStackInput(
  input: DeployStackInput,
): DeployStackSettings {
  // A form's empty optional fields arrive as empty strings.
  const accountId = input.accountId || undefined;
  const alarmEmail = input.alarmEmail || undefined;
  const automationDocuments = automationDocumentsOf(input.automationDocuments);
  const automationAssumeRoleArn = input.automationAssumeRoleArn || undefined;
  const metricsNamespace = input.metricsNamespace || undefined;
  checkInputs(DEPLOY_STACK_ACTION_ID, [
    {
      field: 'accountId',
      value: accountId,
      rule: AWS_ACCOUNT_ID_RULE,
      optional: true,
    },
    { field: 'region', value: input.region, rule: AWS_REGION_RULE },
    {
      field: 'environmentName',
      value: input.environmentName,
      rule: ENVIRONMENT_NAME_RULE,
    },
    { field: 'tablePrefix', value: input.tablePrefix, rule: TABLE_PREFIX_RULE },
    {
      field: 'alarmEmail',
      value: alarmEmail,
      rule: EMAIL_RULE,
      optional: true,
    },
    {
      field: 'backstagePrincipalArn',
      value: input.backstagePrincipalArn,
      rule: PRINCIPAL_ARN_RULE,
    },
    {
      field: 'stackName',
      value: input.stackName || undefined,
      rule: STACK_NAME_RULE,
      optional: true,
    },
    {
      field: 'automationDocuments',
      value: automationDocuments,
      rule: AUTOMATION_DOCUMENTS_RULE,
      optional: true,
    },
    {
      field: 'automationAssumeRoleArn',
      value: automationAssumeRoleArn,
      rule: ROLE_ARN_RULE,
      optional: true,
    },
    {
      field: 'metricsNamespace',
      value: metricsNamespace,
      rule: METRICS_NAMESPACE_RULE,
      optional: true,
    },
  ]);
  return {
    accountId,
    region: input.region,
    stackName: input.stackName || `drs-orchestration-${input.environmentName}`,
    validateOnly: input.validateOnly ?? false,
    allowTableReplacement: input.allowTableReplacement ?? false,
    parameters: {
      EnvironmentName: input.environmentName,
      TablePrefix: input.tablePrefix,
      AlarmEmail: alarmEmail ?? '',
      BackstagePrincipalArn: input.backstagePrincipalArn,
      AutomationDocuments: automationDocuments ?? '',
      AutomationAssumeRoleArn: automationAssumeRoleArn ?? '',
      // Always given: an update without it goes back to the default, as the form shows it.
      MetricsNamespace: metricsNamespace ?? DEFAULT_METRICS_NAMESPACE,
    },
  };
}
