import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * See an entity's DRS servers, plans, executions and health.
 *
 * Every DRS action is on a service, so each permission uses the catalog-entity resource type:
 * policies can then use the catalog's rules (e.g. isEntityOwner).
 *
 * @public
 */
export const drsReadPermission = createPermission({
  name: 'drs.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Create, edit and delete an entity's recovery plans.
 *
 * @public
 */
export const drsPlanManagePermission = createPermission({
  name: 'drs.plan.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start a drill: isolated recovery instances of the entity's servers, for practice.
 *
 * @public
 */
export const drsDrillStartPermission = createPermission({
  name: 'drs.drill.start',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start a recovery. A real failover is not a drill: it has a permission of its own.
 *
 * @public
 */
export const drsRecoveryStartPermission = createPermission({
  name: 'drs.recovery.start',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Control a running execution: cancel it, resume a paused wave, terminate drill instances.
 *
 * @public
 */
export const drsExecutionControlPermission = createPermission({
  name: 'drs.execution.control',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every DRS permission, for the backend to register with the permission framework.
 *
 * @public
 */
export const drsPermissions = [
  drsReadPermission,
  drsPlanManagePermission,
  drsDrillStartPermission,
  drsRecoveryStartPermission,
  drsExecutionControlPermission,
];
