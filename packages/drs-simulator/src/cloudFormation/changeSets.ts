import { requestKey } from '../canonicalJson';
import { asUuid, stableHex } from '../ids';
import { OperationContext } from '../operations/context';
import {
  cloudFormationError,
  readingTemplate,
  validationError,
} from './errors';
import { assertUpdatable, findStack } from './lookup';
import { ParameterInput, resolveParameters } from './parameters';
import { planStack } from './plan';
import {
  ChangeSetRecord,
  changeSetArn,
  StackRecord,
  stackArn,
} from './records';
import { parseTemplate, requiredCapability, StackTemplate } from './template';

/** How long CloudFormation takes to work out a change set, at speed 1. */
export const CHANGE_SET_BASE_SECONDS = { pending: 1, computing: 4 };

export const NO_CHANGES =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

export interface CreateChangeSetInput {
  StackName: string;
  ChangeSetName: string;
  ChangeSetType?: string;
  TemplateBody?: string;
  UsePreviousTemplate?: boolean;
  Parameters?: ParameterInput[];
  Capabilities?: string[];
  Tags?: { Key: string; Value: string }[];
  NotificationARNs?: string[];
  ClientToken?: string;
  Description?: string;
  [member: string]: unknown;
}

/** What the simulator does not have, by the member that asks for it: refused, not ignored. */
const NOT_SIMULATED: Record<string, string> = {
  TemplateURL: 'templates in S3',
  ResourceTypes: 'limits on resource types',
  RollbackConfiguration: 'rollback triggers',
  ResourcesToImport: 'resource imports',
  OnStackFailure: 'failure handling but rollback',
  IncludeNestedStacks: 'nested stacks',
  ImportExistingResources: 'resource imports',
};

function rejectNotSimulated(input: CreateChangeSetInput) {
  const asked = Object.entries(NOT_SIMULATED)
    .filter(([member]) => ![undefined, false].includes(input[member] as never))
    .map(([member, feature]) => `${member} (${feature})`);
  if (input.ChangeSetType === 'IMPORT') asked.push('ChangeSetType IMPORT');
  if (asked.length) {
    throw validationError(
      `The simulator does not simulate ${asked.join(', ')}; send TemplateBody`,
    );
  }
}

function templateOf(
  input: CreateChangeSetInput,
  stack: StackRecord | undefined,
): StackTemplate {
  if (input.UsePreviousTemplate && input.TemplateBody !== undefined) {
    throw validationError(
      'Specify exactly one of TemplateBody or UsePreviousTemplate',
    );
  }
  if (input.UsePreviousTemplate) {
    if (!stack?.deployed) {
      throw validationError(
        'UsePreviousTemplate is only for a stack that has been deployed',
      );
    }
    return stack.deployed.template;
  }
  if (input.TemplateBody === undefined) {
    throw validationError(
      'Either Template URL or Template Body must be specified.',
    );
  }
  return parseTemplate(input.TemplateBody);
}

function checkCapabilities(template: StackTemplate, given: string[]) {
  const { capability } = requiredCapability(template);
  const granted =
    given.includes('CAPABILITY_NAMED_IAM') ||
    (capability === 'CAPABILITY_IAM' && given.includes('CAPABILITY_IAM'));
  if (capability && !granted) {
    throw cloudFormationError(
      'InsufficientCapabilitiesException',
      `Requires capabilities : [${capability}]`,
    );
  }
}

/** The stack a change set is for: the live one, or (CREATE) one waiting for review. */
function stackFor(
  { tenant, sim }: OperationContext,
  input: CreateChangeSetInput,
  type: 'CREATE' | 'UPDATE',
): StackRecord | undefined {
  const stack = findStack(sim.cloudFormation.of(tenant), input.StackName);
  if (type === 'UPDATE') {
    if (!stack)
      throw validationError(`Stack [${input.StackName}] does not exist`);
    assertUpdatable(stack);
  } else if (input.StackName.startsWith('arn:')) {
    throw validationError('A new stack is named, not given by its ID');
  } else if (stack && stack.status !== 'REVIEW_IN_PROGRESS') {
    throw validationError(
      `Stack [${input.StackName}] already exists and cannot be created again with the changeSet [${input.ChangeSetName}].`,
    );
  }
  return stack;
}

/** The same name and token, for the same request: a retry, answered with what it made. */
function earlierAttempt(
  { sim, tenant }: OperationContext,
  input: CreateChangeSetInput,
  request: string,
): ChangeSetRecord | undefined {
  const stacks = sim.cloudFormation.of(tenant);
  const stack = findStack(stacks, input.StackName);
  const earlier = [...stacks.changeSets.values()].find(
    changeSet =>
      changeSet.stackId === stack?.stackId &&
      changeSet.changeSetName === input.ChangeSetName,
  );
  if (!earlier) return undefined;
  if (
    input.ClientToken === undefined ||
    earlier.clientToken !== input.ClientToken ||
    earlier.request !== request
  ) {
    throw cloudFormationError(
      'AlreadyExistsException',
      `ChangeSet [${input.ChangeSetName}] already exists`,
    );
  }
  return earlier;
}

/** A new stack's ID: the same whenever the same world is replayed. */
function newStackId({ tenant, now }: OperationContext, name: string): string {
  const uuid = asUuid(
    stableHex(32, tenant.accountId, tenant.region, name, String(now)),
  );
  return stackArn(tenant.region, tenant.accountId, name, uuid);
}

/** A new stack waits for its first change set in REVIEW_IN_PROGRESS. */
function addStack(
  context: OperationContext,
  name: string,
  stackId: string,
): StackRecord {
  const { tenant, now } = context;
  const stack: StackRecord = {
    stackId,
    stackName: name,
    createdAt: now,
    status: 'REVIEW_IN_PROGRESS',
    statusReason: 'User Initiated',
    events: [],
    operationCount: 0,
    tokens: new Set(),
    disableRollback: false,
  };
  context.sim.cloudFormation.of(tenant).stacks.push(stack);
  return stack;
}

/**
 * CreateChangeSet: checks the request, the stack's state, the template, its parameters and
 * capabilities, then works out the change set at once (it reads CREATE_COMPLETE, or FAILED when
 * nothing changes, after CloudFormation's usual few seconds).
 */
export function createChangeSet(
  context: OperationContext,
  input: CreateChangeSetInput,
) {
  const request = requestKey(input);
  const earlier = earlierAttempt(context, input, request);
  if (earlier) return { Id: earlier.changeSetId, StackId: earlier.stackId };
  rejectNotSimulated(input);
  const type = input.ChangeSetType === 'CREATE' ? 'CREATE' : 'UPDATE';
  const existing = stackFor(context, input, type);
  const { tenant, now, sim } = context;
  return readingTemplate(() => {
    const template = templateOf(input, existing);
    const parameters = resolveParameters(
      template,
      input.Parameters ?? [],
      existing?.deployed?.parameters,
    );
    checkCapabilities(template, input.Capabilities ?? []);
    const stackName = existing?.stackName ?? input.StackName;
    const stackId = existing?.stackId ?? newStackId(context, stackName);
    const { target, changes } = planStack({
      template,
      parameters,
      env: {
        region: tenant.region,
        accountId: tenant.accountId,
        stackName,
        stackId,
      },
      capabilities: input.Capabilities ?? [],
      tags: input.Tags ?? [],
      notificationArns: input.NotificationARNs ?? [],
      previous: existing?.deployed,
    });
    // Only now, with nothing left to refuse: a refused call must leave the world as it was.
    const stack = existing ?? addStack(context, stackName, stackId);
    const uuid = asUuid(
      stableHex(32, stack.stackId, input.ChangeSetName, String(now)),
    );
    const changeSet: ChangeSetRecord = {
      changeSetId: changeSetArn(
        tenant.region,
        tenant.accountId,
        input.ChangeSetName,
        uuid,
      ),
      changeSetName: input.ChangeSetName,
      stackId: stack.stackId,
      stackName: stack.stackName,
      type,
      createdAt: now,
      computingAt: now + sim.durationMs(CHANGE_SET_BASE_SECONDS.pending),
      readyAt:
        now +
        sim.durationMs(
          CHANGE_SET_BASE_SECONDS.pending + CHANGE_SET_BASE_SECONDS.computing,
        ),
      ...(input.Description ? { description: input.Description } : {}),
      ...(input.ClientToken ? { clientToken: input.ClientToken } : {}),
      request,
      target,
      changes,
    };
    sim.cloudFormation
      .of(tenant)
      .changeSets.set(changeSet.changeSetId, changeSet);
    return { Id: changeSet.changeSetId, StackId: stack.stackId };
  });
}
