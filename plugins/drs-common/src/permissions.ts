import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Every DRS action is on a service, so each permission uses the catalog-entity resource type:
 * policies can then use the catalog's rules (e.g. isEntityOwner).
 */
export const drsReadPermission = createPermission({
  name: 'drs.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const drsPlanManagePermission = createPermission({
  name: 'drs.plan.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const drsDrillStartPermission = createPermission({
  name: 'drs.drill.start',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** A real failover is not a drill: it has a permission of its own. */
export const drsRecoveryStartPermission = createPermission({
  name: 'drs.recovery.start',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Cancel, resume a paused wave, terminate drill instances. */
export const drsExecutionControlPermission = createPermission({
  name: 'drs.execution.control',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const drsPermissions = [
  drsReadPermission,
  drsPlanManagePermission,
  drsDrillStartPermission,
  drsRecoveryStartPermission,
  drsExecutionControlPermission,
];
