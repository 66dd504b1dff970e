import { usePermission } from '@backstage/plugin-permission-react';
import {
  drsDrillStartPermission,
  drsExecutionControlPermission,
  drsPlanManagePermission,
  drsRecoveryStartPermission,
} from '@drs-orchestration/plugin-drs-common';

export interface DrsPermissions {
  canManagePlans: boolean;
  canStartDrill: boolean;
  canStartRecovery: boolean;
  canControlExecutions: boolean;
}

/** What the viewer may do on the entity; false until the answer is known, so actions never flash. */
export function useDrsPermissions(entityRef: string): DrsPermissions {
  const resourceRef = entityRef;
  return {
    canManagePlans: usePermission({
      permission: drsPlanManagePermission,
      resourceRef,
    }).allowed,
    canStartDrill: usePermission({
      permission: drsDrillStartPermission,
      resourceRef,
    }).allowed,
    canStartRecovery: usePermission({
      permission: drsRecoveryStartPermission,
      resourceRef,
    }).allowed,
    canControlExecutions: usePermission({
      permission: drsExecutionControlPermission,
      resourceRef,
    }).allowed,
  };
}
