import type { StackTemplate } from './template';

/** A resource as the stack holds it: resolved properties, physical ID and attributes. */
export interface DeployedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId: string;
  readonly attributes: Record<string, string>;
  readonly properties: Record<string, unknown>;
  /** Resources of the stack it needs: deleted after it, created before it. */
  readonly dependsOn: string[];
  readonly deletionPolicy: string;
  readonly updateReplacePolicy: string;
  /** Replacements so far: a name CloudFormation generated changes with each. */
  readonly generation: number;
}

export interface StackOutputRecord {
  key: string;
  value: string;
  description?: string;
}

/** What a stack is made of once a change set is executed: template, parameters, resources, outputs. */
export interface StackDefinition {
  readonly template: StackTemplate;
  readonly parameters: Record<string, string>;
  /** In creation order. */
  readonly resources: Map<string, DeployedResource>;
  readonly outputs: StackOutputRecord[];
  readonly capabilities: string[];
  readonly tags: { Key: string; Value: string }[];
  readonly notificationArns: string[];
}

export interface StackEventRecord {
  readonly eventId: string;
  readonly at: number;
  readonly logicalId: string;
  readonly type: string;
  readonly status: string;
  readonly physicalId?: string;
  readonly reason?: string;
  /** The resource's properties, as JSON text (CloudFormation sends them with some events). */
  readonly properties?: string;
  /** The ClientRequestToken of the operation the event belongs to. */
  readonly token?: string;
}

export interface StackRecord {
  readonly stackId: string;
  readonly stackName: string;
  readonly createdAt: number;
  updatedAt?: number;
  deletedAt?: number;
  status: string;
  statusReason?: string;
  /** What is deployed; absent while the stack waits in REVIEW_IN_PROGRESS. */
  deployed?: StackDefinition;
  /** Oldest first. */
  readonly events: StackEventRecord[];
  /** The change set the stack was last created or updated with. */
  changeSetId?: string;
  /** The operation under way, or the last one. */
  operation?: StackOperation;
  operationCount: number;
  /** The ClientRequestTokens of its operations: one may not start two. */
  readonly tokens: Set<string>;
  disableRollback: boolean;
}

/** One resource change of a change set, in the shape of CloudFormation's ResourceChange. */
export interface ResourceChangeRecord {
  Action: 'Add' | 'Modify' | 'Remove';
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceType: string;
  Replacement?: 'True' | 'False';
  Scope: string[];
  Details: {
    Target: { Attribute: string; Name: string; RequiresRecreation: string };
    Evaluation: 'Static';
    ChangeSource: 'DirectModification';
  }[];
}

export type ChangeSetExecution =
  | 'EXECUTE_IN_PROGRESS'
  | 'EXECUTE_COMPLETE'
  | 'EXECUTE_FAILED';

export interface ChangeSetRecord {
  readonly changeSetId: string;
  readonly changeSetName: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly type: 'CREATE' | 'UPDATE';
  readonly createdAt: number;
  /** When it goes from CREATE_PENDING to CREATE_IN_PROGRESS. */
  readonly computingAt: number;
  /** When CloudFormation has worked out the changes (CREATE_COMPLETE, or FAILED without any). */
  readonly readyAt: number;
  readonly description?: string;
  readonly clientToken?: string;
  /** The request without its token: a retry with the same token must ask for the same. */
  readonly request: string;
  readonly target: StackDefinition;
  readonly changes: ResourceChangeRecord[];
  execution?: ChangeSetExecution;
  /** The ClientRequestToken it was executed with: a retry with it succeeds again. */
  executedWith?: string;
}

/** One account's stacks and change sets in one region. */
export interface TenantStacks {
  /** Every stack, deleted ones too, in creation order. */
  readonly stacks: StackRecord[];
  readonly changeSets: Map<string, ChangeSetRecord>;
}

export function emptyStacks(): TenantStacks {
  return { stacks: [], changeSets: new Map() };
}

export const stackArn = (
  region: string,
  accountId: string,
  stackName: string,
  uuid: string,
) => `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/${uuid}`;

export const changeSetArn = (
  region: string,
  accountId: string,
  changeSetName: string,
  uuid: string,
) =>
  `arn:aws:cloudformation:${region}:${accountId}:changeSet/${changeSetName}/${uuid}`;

/*
 * A stack operation: what one ExecuteChangeSet or DeleteStack sets going. It runs in stages,
 * each a set of resource actions that start once those they depend on have ended:
 * - CREATE: forward (create all); on failure, rollback (delete what was created, in reverse).
 * - UPDATE: forward (add, update, replace); cleanup (delete removed and replaced ones); on
 *   failure, rollback (update back, in order) and rollbackCleanup (delete what was added).
 * - DELETE: forward (delete all, in reverse).
 */
export type OperationKind = 'CREATE' | 'UPDATE' | 'DELETE';
export type Stage = 'forward' | 'cleanup' | 'rollback' | 'rollbackCleanup';

/** `revert` updates a resource back; for a replaced one, it only goes back to the old one. */
export type ActionVerb = 'create' | 'update' | 'replace' | 'revert' | 'delete';

export type ActionState =
  | 'waiting'
  | 'running'
  | 'complete'
  | 'failed'
  | 'cancelled'
  /** A delete its policy retains: DELETE_SKIPPED. */
  | 'skipped'
  /** Never started: the stage stopped first. */
  | 'abandoned';

export interface ResourceAction {
  readonly logicalId: string;
  readonly verb: ActionVerb;
  /** The resource as the action leaves it; for a delete, the one it removes. */
  readonly resource: DeployedResource;
  /** For an update, replace or revert: the resource as it was. */
  readonly before?: DeployedResource;
  /** Logical IDs of actions of the same stage that must end first. */
  readonly after: string[];
  /**
   * It changes something outside the simulator (a table in DynamoDB): it ends as that change
   * went. Otherwise it only records, and never fails but by an injected fault.
   */
  readonly external: boolean;
  /** Why it fails, when a fault (failStackResources) says it must. */
  readonly injectedFailure?: string;
  /** A delete the resource's DeletionPolicy or UpdateReplacePolicy (Retain) skips. */
  readonly retained?: boolean;
  state: ActionState;
  startedAt?: number;
  endsAt?: number;
}

export interface StackOperation {
  readonly index: number;
  readonly kind: OperationKind;
  readonly token?: string;
  readonly changeSetId?: string;
  /** What the stack becomes on success (none for DELETE). */
  readonly target?: StackDefinition;
  /** What was deployed when it started. */
  readonly previous?: StackDefinition;
  readonly disableRollback: boolean;
  stage: Stage;
  stageStartedAt: number;
  actions: ResourceAction[];
  /** The forward stage's actions, which a rollback undoes. */
  forward: ResourceAction[];
  /** The logical IDs that failed (or were cancelled), for the stack's status reason. */
  failed: string[];
  ended: boolean;
  /** How each external action went, by `actionKey`: a failure's reason, or none. */
  readonly outcomes: Map<string, { failure?: string }>;
}

/** How a change outside the simulator went: a failure's reason, or none. */
export interface ProvisioningOutcome {
  failure?: string;
}

/** The outcome of an external action, as the journal keeps it. */
export interface RecordedOutcome extends ProvisioningOutcome {
  accountId: string;
  region: string;
  stackId: string;
  /** The operation's index among the stack's operations. */
  operation: number;
  key: string;
}
