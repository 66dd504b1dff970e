import { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';

/** Input and output of drs:stack:deploy, as the scaffolder documents them to template authors. */
export const deployStackSchema = {
  input: {
    accountId: z =>
      z
        .string()
        .optional()
        .describe(
          'AWS account to deploy to (12 digits); its credentials come from the aws section of app-config. Empty: the main account',
        ),
    region: z =>
      z
        .string()
        .describe('AWS region of the stack and its tables, e.g. us-east-1'),
    environmentName: z =>
      z
        .string()
        .describe(
          'Environment name (e.g. prod), used in resource names and tags',
        ),
    tablePrefix: z =>
      z
        .string()
        .describe(
          'Prefix of the table names (<prefix>plans, <prefix>executions); the backend config drs.dynamodb.tablePrefix must match',
        ),
    alarmEmail: z =>
      z
        .string()
        .optional()
        .describe('E-mail address that receives alarm notifications'),
    backstagePrincipalArn: z =>
      z
        .string()
        .describe(
          'ARN of the IAM principal the Backstage backend runs as; only it may assume the backend role',
        ),
    stackName: z =>
      z
        .string()
        .optional()
        .describe('Stack name (default drs-orchestration-<environmentName>)'),
    validateOnly: z =>
      z
        .boolean()
        .optional()
        .describe(
          'Only validate the template with CloudFormation; deploy nothing',
        ),
    allowTableReplacement: z =>
      z
        .boolean()
        .optional()
        .describe(
          'Allow a change that replaces the DynamoDB tables (default false: refuse)',
        ),
  },
  output: {
    stackName: z => z.string().describe('Name of the stack'),
    stackId: z => z.string().optional().describe('ID (ARN) of the stack'),
    stackStatus: z =>
      z
        .string()
        .optional()
        .describe('Status of the stack at the end, e.g. UPDATE_COMPLETE'),
    changed: z =>
      z
        .boolean()
        .optional()
        .describe('False when the stack was already up to date'),
    plansTableName: z =>
      z.string().optional().describe('Name of the plans table'),
    executionsTableName: z =>
      z.string().optional().describe('Name of the executions table'),
    backendRoleArn: z =>
      z.string().optional().describe('ARN of the role the backend assumes'),
    backendRoleName: z =>
      z
        .string()
        .optional()
        .describe('Name of that role, for aws.accounts[].roleName'),
    dashboardUrl: z =>
      z.string().optional().describe('The CloudWatch dashboard'),
  },
} satisfies TemplateActionOptions['schema'];
