import {
  DeployedResource,
  OperationKind,
  ResourceAction,
  Stage,
  StackDefinition,
} from './records';

/** Identifies an external action's outcome within its operation (and in the journal). */
export function actionKey(stage: Stage, action: ResourceAction): string {
  return `${stage}:${action.verb}:${action.logicalId}`;
}

/** What building actions needs to know of the world. */
export interface ActionSettings {
  /** Whether resources of this type are provisioned outside (DynamoDB tables, given an endpoint). */
  provisions(type: string): boolean;
  /** failStackResources: by logical ID or type, the verb that fails. */
  failures: Record<string, string>;
}

type ActionDraft = Omit<ResourceAction, 'state' | 'after' | 'external'> & {
  external?: boolean;
};

function toAction(
  draft: ActionDraft,
  after: string[],
  settings: ActionSettings,
): ResourceAction {
  return {
    ...draft,
    after,
    external: draft.external ?? settings.provisions(draft.resource.type),
    state: 'waiting',
  };
}

/** Actions that each wait for the actions of the resources they depend on. */
function inDependencyOrder(drafts: ActionDraft[], settings: ActionSettings) {
  const ids = new Set(drafts.map(d => d.logicalId));
  return drafts.map(draft =>
    toAction(
      draft,
      draft.resource.dependsOn.filter(id => ids.has(id)),
      settings,
    ),
  );
}

/** Deletes, each waiting for the deletes of the resources that depend on its resource. */
export function deletesInReverse(
  drafts: ActionDraft[],
  settings: ActionSettings,
): ResourceAction[] {
  return drafts.map(draft =>
    toAction(
      draft,
      drafts
        .filter(other => other.resource.dependsOn.includes(draft.logicalId))
        .map(other => other.logicalId),
      settings,
    ),
  );
}

function injectedFailure(
  settings: ActionSettings,
  resource: DeployedResource,
  verb: 'create' | 'update',
): string | undefined {
  const fault =
    settings.failures[resource.logicalId] ?? settings.failures[resource.type];
  if (fault !== verb) return undefined;
  return `Resource handler returned message: "The simulator fails ${resource.logicalId} on ${verb} (fault failStackResources)" (HandlerErrorCode: GeneralServiceException)`;
}

/** The forward stage of a CREATE or UPDATE: add, update or replace what changed. */
export function forwardActions(
  previous: StackDefinition | undefined,
  target: StackDefinition,
  changed: Set<string>,
  settings: ActionSettings,
): ResourceAction[] {
  const drafts: ActionDraft[] = [];
  for (const resource of target.resources.values()) {
    if (!changed.has(resource.logicalId)) continue;
    const before = previous?.resources.get(resource.logicalId);
    let verb: 'create' | 'update' | 'replace' = 'create';
    if (before) {
      verb = before.generation === resource.generation ? 'update' : 'replace';
    }
    drafts.push({
      logicalId: resource.logicalId,
      verb,
      resource,
      ...(before ? { before } : {}),
      injectedFailure: injectedFailure(
        settings,
        resource,
        verb === 'create' ? 'create' : 'update',
      ),
    });
  }
  return inDependencyOrder(drafts, settings);
}

/** After a successful update: delete the removed resources and the old ones of replaced ones. */
export function cleanupActions(
  previous: StackDefinition,
  target: StackDefinition,
  settings: ActionSettings,
): ResourceAction[] {
  const drafts: ActionDraft[] = [...previous.resources.values()]
    .filter(resource => {
      const now = target.resources.get(resource.logicalId);
      return !now || now.generation !== resource.generation;
    })
    .map(resource => ({
      logicalId: resource.logicalId,
      verb: 'delete',
      resource,
      retained:
        (target.resources.has(resource.logicalId)
          ? resource.updateReplacePolicy
          : resource.deletionPolicy) === 'Retain',
    }));
  return deletesInReverse(drafts, settings);
}

/** Deletes of every resource of a stack being deleted. */
export function deleteAllActions(
  deployed: StackDefinition | undefined,
  settings: ActionSettings,
): ResourceAction[] {
  return deletesInReverse(
    [...(deployed?.resources.values() ?? [])].map(resource => ({
      logicalId: resource.logicalId,
      verb: 'delete',
      resource,
      retained: resource.deletionPolicy.startsWith('Retain'),
    })),
    settings,
  );
}

const started = (a: ResourceAction) =>
  a.state === 'complete' || a.state === 'failed' || a.state === 'cancelled';

/**
 * What undoes the forward stage. A CREATE deletes what it created (what never came into being
 * only gets its events). An UPDATE updates back what it updated or replaced, in order; what it
 * added, and the new ones of replaced resources, go in the rollback's cleanup.
 */
export function rollbackActions(
  kind: OperationKind,
  forward: ResourceAction[],
  settings: ActionSettings,
): { rollback: ResourceAction[]; rollbackCleanup: ResourceAction[] } {
  const undone = forward.filter(started);
  // Only what came into being is deleted for real, and kept if its policy retains it.
  const deletes = (actions: ResourceAction[]) =>
    deletesInReverse(
      actions.map(a => ({
        logicalId: a.logicalId,
        verb: 'delete',
        resource: a.resource,
        external:
          a.state === 'complete' && settings.provisions(a.resource.type),
        retained:
          a.state === 'complete' &&
          a.verb === 'create' &&
          a.resource.deletionPolicy === 'Retain',
      })),
      settings,
    );
  if (kind === 'CREATE') {
    return { rollback: deletes(undone), rollbackCleanup: [] };
  }
  const reverts = undone
    .filter(a => a.verb !== 'create')
    .map(a => ({
      logicalId: a.logicalId,
      verb: 'revert' as const,
      resource: a.before!,
      before: a.resource,
      external:
        a.verb === 'update' &&
        a.state === 'complete' &&
        settings.provisions(a.resource.type),
    }));
  return {
    rollback: inDependencyOrder(reverts, settings),
    rollbackCleanup: deletes(
      undone.filter(a => a.verb === 'create' || a.verb === 'replace'),
    ),
  };
}
