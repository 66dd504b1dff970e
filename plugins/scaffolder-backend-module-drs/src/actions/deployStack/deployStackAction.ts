import {
  CloudFormationClient,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readStackTemplate } from '../../stack/stackTemplate';
import {
  DEPLOY_STACK_ACTION_ID,
  DeployStackSettings,
  readDeployStackInput,
} from './deployStackInput';
import { deployStack } from './deployment';
import { deployStackSchema } from './deployStackSchema';
import { examples } from './examples';
import { stackOutputs } from './stacks';

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
