import {
  CloudFormationClient,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  createTemplateAction,
  TemplateActionOptions,
} from '@backstage/plugin-scaffolder-node';
import { readStackTemplate } from '../../stack/stackTemplate';
import {
  DEPLOY_STACK_ACTION_ID,
  DeployStackSettings,
  readDeployStackInput,
} from './deployStackInput';
import { deployStack } from './deployment';
import { examples } from './examples';
import { stackOutputs } from './stacks';

/** Input and output of drs:stack:deploy, as the scaffolder documents them to template authors. */
const deployStackSchema = {
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

export interface DeployStackActionOptions {
  credentialsManager: AwsCredentialsManager;
  /** How often CloudFormation is asked for progress; tests shorten it. */
  pollIntervalMs: number;
  /** How long one deployment may take before the action gives up waiting. */
  timeoutMs: number;
}

async function cloudFormationClient(
  credentialsManager: AwsCredentialsManager,
  settings: DeployStackSettings,
) {
  const { sdkCredentialProvider } =
    await credentialsManager.getCredentialProvider(
      settings.accountId ? { accountId: settings.accountId } : {},
    );
  return new CloudFormationClient({
    region: settings.region,
    credentials: sdkCredentialProvider,
  });
}

/** A dry run or validateOnly: CloudFormation checks the template and nothing is deployed. */
async function validateTemplate(
  client: CloudFormationClient,
  templateBody: string,
  task: { logger: LoggerService; isDryRun?: boolean },
) {
  const validation = await client.send(
    new ValidateTemplateCommand({ TemplateBody: templateBody }),
  );
  task.logger.info(
    `Template is valid (capabilities needed: ${
      (validation.Capabilities ?? []).join(', ') || 'none'
    }); nothing deployed${task.isDryRun ? ' in a dry run' : ''}.`,
  );
}

export function deployStackAction(options: DeployStackActionOptions) {
  return createTemplateAction({
    id: DEPLOY_STACK_ACTION_ID,
    description:
      'Creates or updates the DRS orchestration AWS stack (DynamoDB tables, backend IAM role, alarms, dashboard) through a CloudFormation change set.',
    examples,
    supportsDryRun: true,
    schema: deployStackSchema,
    async handler(ctx) {
      const settings = readDeployStackInput(ctx.input);
      const client = await cloudFormationClient(
        options.credentialsManager,
        settings,
      );
      const templateBody = readStackTemplate();
      ctx.output('stackName', settings.stackName);

      if (ctx.isDryRun || settings.validateOnly) {
        await validateTemplate(client, templateBody, ctx);
        return;
      }

      const { stack, changed } = await deployStack(
        {
          client,
          taskId: ctx.task.id,
          logger: ctx.logger,
          checkpoint: ctx.checkpoint.bind(ctx),
          poll: {
            intervalMs: options.pollIntervalMs,
            timeoutMs: options.timeoutMs,
            signal: ctx.signal,
          },
        },
        settings,
        templateBody,
      );
      ctx.output('changed', changed);
      if (!stack) return;
      const outputs = stackOutputs(stack);
      if (stack.StackId) ctx.output('stackId', stack.StackId);
      ctx.output('stackStatus', stack.StackStatus ?? 'UNKNOWN');
      ctx.output('plansTableName', outputs.PlansTableName);
      ctx.output('executionsTableName', outputs.ExecutionsTableName);
      ctx.output('backendRoleArn', outputs.BackendRoleArn);
      ctx.output('backendRoleName', outputs.BackendRoleName);
      ctx.output('dashboardUrl', outputs.DashboardUrl);
    },
  });
}
