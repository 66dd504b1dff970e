import {
  CloudFormationClient,
  Stack,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  ActionContext,
  createTemplateAction,
  TemplateActionOptions,
} from '@backstage/plugin-scaffolder-node';
import { readStackTemplate } from '../../stack/stackTemplate';
import { DeployTarget, explainDeployError } from './deployStackErrors';
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
    automationDocuments: z =>
      z
        .union([z.string(), z.array(z.string())])
        .optional()
        .describe(
          'SSM Automation runbooks the steps of recovery plans may run: names or prefixes ending in * (Checkout-*), a list or comma-separated. The backend role may start these and no others; empty: none',
        ),
    automationAssumeRoleArn: z =>
      z
        .string()
        .optional()
        .describe(
          'ARN of the role runbooks run as (their AutomationAssumeRole); the backend role may pass it, and no other, to SSM. Empty: runbooks run with the backend role',
        ),
    metricsNamespace: z =>
      z
        .string()
        .optional()
        .describe(
          "Namespace of the engine's CloudWatch metrics: the stack's alarms and dashboard read it, and the backend role may put metrics there only. Set the backend's drs.cloudWatch.namespace to the same. Default DRSOrchestration; give each environment in one account and region its own (e.g. DRSOrchestration/staging)",
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
  /**
   * CloudFormation's endpoint (drs.cloudFormation.endpoint), e.g. a local stand-in;
   * undefined: AWS's endpoint of the stack's region.
   */
  endpoint?: string;
  /** How often CloudFormation is asked for progress; tests shorten it. */
  pollIntervalMs: number;
  /** How long one deployment may take before the action gives up waiting. */
  timeoutMs: number;
}

async function cloudFormationClient(
  options: DeployStackActionOptions,
  settings: DeployStackSettings,
) {
  const { sdkCredentialProvider } =
    await options.credentialsManager.getCredentialProvider(
      settings.accountId ? { accountId: settings.accountId } : {},
    );
  return new CloudFormationClient({
    region: settings.region,
    credentials: sdkCredentialProvider,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
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

type DeployStackContext = ActionContext<any, any, any>;

/** The stack's outputs, as the action's outputs and, for the person reading the log, one line. */
function reportOutputs(ctx: DeployStackContext, stack: Stack) {
  const outputs = stackOutputs(stack);
  if (stack.StackId) ctx.output('stackId', stack.StackId);
  ctx.output('stackStatus', stack.StackStatus ?? 'UNKNOWN');
  ctx.output('plansTableName', outputs.PlansTableName);
  ctx.output('executionsTableName', outputs.ExecutionsTableName);
  ctx.output('backendRoleArn', outputs.BackendRoleArn);
  ctx.output('backendRoleName', outputs.BackendRoleName);
  ctx.output('dashboardUrl', outputs.DashboardUrl);
  ctx.logger.info(
    `Outputs of stack ${stack.StackName}: ${Object.entries(outputs)
      .map(([key, value]) => `${key}=${value}`)
      .join(', ')}`,
  );
}

async function runDeployment(
  options: DeployStackActionOptions,
  ctx: DeployStackContext,
  settings: DeployStackSettings,
) {
  const client = await cloudFormationClient(options, settings);
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
  if (stack) reportOutputs(ctx, stack);
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
      let target: DeployTarget | undefined;
      try {
        const settings = readDeployStackInput(ctx.input);
        target = {
          stackName: settings.stackName,
          region: settings.region,
          accountId: settings.accountId,
          endpoint: options.endpoint,
        };
        await runDeployment(options, ctx, settings);
      } catch (error) {
        throw explainDeployError(error, target);
      }
    },
  });
}
