import {
  CloudFormationClient,
  ExecuteChangeSetCommand,
  Stack,
  StackEvent,
} from '@aws-sdk/client-cloudformation';
import { InputError } from '@backstage/errors';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  describeChange,
  prepareChangeSet,
  PreparedChangeSet,
} from './changeSet';
import { DeployStackSettings } from './deployStackInput';
import { PollOptions } from './polling';
import {
  failureReasons,
  followStackOperation,
  StackOperation,
} from './stackProgress';
import { findStack, isDeployed } from './stacks';
import { DeployStackError } from './deployStackErrors';

/** What a deployment needs of the task that runs it. */
export type DeploymentTask = Pick<
  ActionContext<Record<string, never>>,
  'checkpoint' | 'logger'
> & {
  taskId: string;
  client: CloudFormationClient;
  poll: PollOptions;
};

export interface DeploymentResult {
  /** The stack at the end; undefined only if it vanished after an empty change set. */
  stack?: Stack;
  /** False when the change set had no changes and nothing was executed. */
  changed: boolean;
}

/** CloudFormation names: letters, digits and hyphens, starting with a letter. */
function nameFromTask(taskId: string): string {
  return `backstage-${taskId.replace(/[^A-Za-z0-9-]/g, '-')}`.slice(0, 128);
}

/** Tables hold the plans and execution history; a replacement leaves the backend with empty ones. */
function assertTablesKept(
  changeSet: PreparedChangeSet,
  allowTableReplacement: boolean,
) {
  const replaced = changeSet.changes.filter(
    c =>
      c.resourceType === 'AWS::DynamoDB::Table' &&
      c.replacement &&
      c.replacement !== 'False',
  );
  if (replaced.length > 0 && !allowTableReplacement) {
    throw new InputError(
      `The change set would replace ${replaced
        .map(c => c.logicalId)
        .join(
          ', ',
        )} (e.g. because tablePrefix changed). The old tables are retained, but the backend would start with empty ones. Set allowTableReplacement: true if that is intended; nothing was changed.`,
    );
  }
}

function deploymentFailure(
  stackName: string,
  stack: Stack,
  events: StackEvent[],
): DeployStackError {
  const status = stack.StackStatus ?? 'UNKNOWN';
  const rolledBack = status.endsWith('ROLLBACK_COMPLETE')
    ? 'CloudFormation rolled the changes back'
    : 'check the stack in the CloudFormation console';
  const reasons = failureReasons(events);
  // A first deployment that rolled back leaves a stack CloudFormation cannot update.
  const next =
    status === 'ROLLBACK_COMPLETE'
      ? 'Fix the cause, delete the stack (the tables are retained) and run this again.'
      : 'Fix the cause and run this again.';
  return new DeployStackError(
    `Deploying stack ${stackName} failed (final status ${status}; ${rolledBack}). ${
      reasons.length > 0
        ? `Failed resources: ${reasons.join('; ')}.`
        : 'No resource reported a reason; see the stack events.'
    } ${next}`,
  );
}

/**
 * Creates or updates the stack through a change set and waits for the result. Creating and
 * executing the change set are checkpoints: a retried task resumes instead of deploying twice.
 */
export async function deployStack(
  task: DeploymentTask,
  settings: DeployStackSettings,
  templateBody: string,
): Promise<DeploymentResult> {
  const { client, logger, poll } = task;
  const changeSet = await task.checkpoint({
    key: `drs-stack-change-set:${settings.stackName}`,
    fn: () =>
      prepareChangeSet(
        client,
        {
          stackName: settings.stackName,
          changeSetName: nameFromTask(task.taskId),
          templateBody,
          parameters: settings.parameters,
          tags: {
            Application: 'drs-orchestration',
            Environment: settings.parameters.EnvironmentName,
          },
        },
        poll,
      ),
  });

  if (!changeSet.hasChanges) {
    logger.info(
      `Stack ${settings.stackName} is up to date: the change set has no changes.`,
    );
    return {
      stack: await findStack(client, changeSet.stackId),
      changed: false,
    };
  }
  logger.info(
    `Change set (${changeSet.changeSetType}) of stack ${
      settings.stackName
    }:\n${changeSet.changes.map(describeChange).join('\n')}`,
  );
  assertTablesKept(changeSet, settings.allowTableReplacement);

  const operation: StackOperation = await task.checkpoint({
    key: `drs-stack-execute:${changeSet.changeSetId}`,
    fn: async () => {
      const clientRequestToken = nameFromTask(task.taskId);
      const startedAt = new Date().toISOString();
      await client.send(
        new ExecuteChangeSetCommand({
          ChangeSetName: changeSet.changeSetId,
          ClientRequestToken: clientRequestToken,
        }),
      );
      return { stackId: changeSet.stackId, clientRequestToken, startedAt };
    },
  });

  const { stack, events } = await followStackOperation(
    client,
    operation,
    logger,
    poll,
  );
  if (!isDeployed(stack.StackStatus)) {
    throw deploymentFailure(settings.stackName, stack, events);
  }
  logger.info(`Stack ${settings.stackName} is ${stack.StackStatus}.`);
  return { stack, changed: true };
}
