import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  drsDrillStartPermission,
  drsExecutionControlPermission,
  drsPlanManagePermission,
  drsReadPermission,
  drsRecoveryStartPermission,
} from '@drs-orchestration/plugin-drs-common';

const ownerPermissions = [
  drsPlanManagePermission.name,
  drsDrillStartPermission.name,
  drsExecutionControlPermission.name,
];

/**
 * Everyone may read DR state; a service's owners manage its plans and run drills;
 * a real recovery is reserved to the configured recovery groups, who also control executions
 * of every service: controlling a recovery needs both, and an execution's mode is not known here.
 * Permissions of other plugins are allowed, as in Backstage's default set-up.
 */
export class DrsPermissionPolicy implements PermissionPolicy {
  constructor(private readonly recoveryGroups: string[]) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (permission.name === drsReadPermission.name) {
      return { result: AuthorizeResult.ALLOW };
    }
    const inRecoveryGroup = claims.some(ref =>
      this.recoveryGroups.includes(ref),
    );
    if (permission.name === drsRecoveryStartPermission.name) {
      return {
        result: inRecoveryGroup ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    if (
      permission.name === drsExecutionControlPermission.name &&
      inRecoveryGroup
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      ownerPermissions.includes(permission.name) &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const drsPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'drs-policy',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig, policy: policyExtensionPoint },
      async init({ config, policy }) {
        policy.setPolicy(
          new DrsPermissionPolicy(
            config.getOptionalStringArray('drsPolicy.recoveryGroups') ?? [],
          ),
        );
      },
    });
  },
});
