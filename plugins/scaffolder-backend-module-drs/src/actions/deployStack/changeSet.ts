import {
  Change,
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeChangeSetOutput,
  Stack,
} from '@aws-sdk/client-cloudformation';
import { ConflictError } from '@backstage/errors';
import {
  capabilityError,
  DeployStackError,
  stuckStackError,
} from './deployStackErrors';
import { pollUntil, PollOptions } from './polling';
import { findStack, isInProgress } from './stacks';

/** One resource change of a change set, as the task log shows it. */
export type PlannedChange = {
  action: string;
  logicalId: string;
  resourceType: string;
  /** CloudFormation's Replacement: True, False or Conditional (only for modifications). */
  replacement?: string;
};

/** What a created change set will do; JSON, so it can be stored as a task checkpoint. */
export type PreparedChangeSet = {
  changeSetId: string;
  stackId: string;
  changeSetType: 'CREATE' | 'UPDATE';
  /** False when CloudFormation found nothing to change. */
  hasChanges: boolean;
  changes: PlannedChange[];
};

export interface ChangeSetRequest {
  stackName: string;
  changeSetName: string;
  templateBody: string;
  parameters: Record<string, string>;
  tags: Record<string, string>;
}

function changeSetTypeFor(
  stackName: string,
  stack: Stack | undefined,
): 'CREATE' | 'UPDATE' {
  const status = stack?.StackStatus;
  // A stack whose CREATE change set was never executed waits in REVIEW_IN_PROGRESS.
  if (!status || status === 'REVIEW_IN_PROGRESS') return 'CREATE';
  const stuck = stuckStackError(stackName, status);
  if (stuck) throw stuck;
  if (isInProgress(status)) {
    throw new ConflictError(
      `Stack ${stackName} is busy (${status}); wait until that operation ends and run this again.`,
    );
  }
  return 'UPDATE';
}

/** CloudFormation fails a change set that would change nothing, with one of these reasons. */
function isNoChangesFailure(reason: string | undefined): boolean {
  return /didn't contain changes|No updates are to be performed/i.test(
    reason ?? '',
  );
}

function toPlannedChange(change: Change): PlannedChange {
  const resource = change.ResourceChange ?? {};
  return {
    action: resource.Action ?? 'Unknown',
    logicalId: resource.LogicalResourceId ?? '?',
    resourceType: resource.ResourceType ?? '?',
    ...(resource.Replacement ? { replacement: resource.Replacement } : {}),
  };
}

async function allChanges(
  client: CloudFormationClient,
  firstPage: DescribeChangeSetOutput,
): Promise<PlannedChange[]> {
  const changes = [...(firstPage.Changes ?? [])];
  let nextToken = firstPage.NextToken;
  while (nextToken) {
    const page = await client.send(
      new DescribeChangeSetCommand({
        ChangeSetName: firstPage.ChangeSetId,
        NextToken: nextToken,
      }),
    );
    changes.push(...(page.Changes ?? []));
    nextToken = page.NextToken;
  }
  return changes.map(toPlannedChange);
}

/**
 * Creates a change set (CREATE for a new stack, UPDATE for an existing one) and waits until
 * CloudFormation has worked out what it would change.
 */
export async function prepareChangeSet(
  client: CloudFormationClient,
  request: ChangeSetRequest,
  poll: PollOptions,
): Promise<PreparedChangeSet> {
  const changeSetType = changeSetTypeFor(
    request.stackName,
    await findStack(client, request.stackName),
  );
  const created = await client.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: request.changeSetName,
      // Same token on a retried call: CloudFormation recognises it instead of failing.
      ClientToken: request.changeSetName,
      ChangeSetType: changeSetType,
      Description:
        'DRS orchestration stack, deployed from Backstage (drs:stack:deploy)',
      TemplateBody: request.templateBody,
      Parameters: Object.entries(request.parameters).map(([key, value]) => ({
        ParameterKey: key,
        ParameterValue: value,
      })),
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      Tags: Object.entries(request.tags).map(([Key, Value]) => ({
        Key,
        Value,
      })),
    }),
  );
  const changeSetId = created.Id;
  if (!changeSetId) {
    throw new DeployStackError(
      `CloudFormation returned no ID for change set ${request.changeSetName}`,
    );
  }
  const described = await pollUntil(
    `change set ${request.changeSetName}`,
    poll,
    async () => {
      const changeSet = await client.send(
        new DescribeChangeSetCommand({ ChangeSetName: changeSetId }),
      );
      const pending =
        changeSet.Status === 'CREATE_PENDING' ||
        changeSet.Status === 'CREATE_IN_PROGRESS';
      return pending ? undefined : changeSet;
    },
  );

  const prepared = {
    changeSetId,
    stackId: created.StackId ?? request.stackName,
    changeSetType,
  };
  if (described.Status === 'CREATE_COMPLETE') {
    return {
      ...prepared,
      hasChanges: true,
      changes: await allChanges(client, described),
    };
  }
  if (
    described.Status === 'FAILED' &&
    isNoChangesFailure(described.StatusReason)
  ) {
    return { ...prepared, hasChanges: false, changes: [] };
  }
  if (/Requires capabilities/.test(described.StatusReason ?? '')) {
    throw capabilityError(request.stackName, described.StatusReason!);
  }
  throw new DeployStackError(
    `CloudFormation could not create change set ${
      request.changeSetName
    } for stack ${request.stackName} (${described.Status}): ${
      described.StatusReason ?? 'no reason given'
    }`,
  );
}

const REPLACEMENT_NOTES: Record<string, string> = {
  True: ' - REPLACES the resource',
  Conditional: ' - may replace the resource',
};

export function describeChange(change: PlannedChange): string {
  const note = REPLACEMENT_NOTES[change.replacement ?? ''] ?? '';
  return `${change.action} ${change.logicalId} (${change.resourceType})${note}`;
}
