import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  drsDrillStartPermission,
  drsExecutionControlPermission,
  drsPlanManagePermission,
  drsReadPermission,
  drsRecoveryStartPermission,
} from '@drs-orchestration/plugin-drs-common';
import { DrsPermissionPolicy } from './permissionPolicy';

function user(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    identity: {
      type: 'user',
      userEntityRef: ownershipEntityRefs[0],
      ownershipEntityRefs,
    },
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
    token: 'token',
    credentials: {} as never,
  } as PolicyQueryUser;
}

describe('DrsPermissionPolicy', () => {
  const policy = new DrsPermissionPolicy(['group:default/platform-sre']);
  const alice = user('user:default/alice', 'group:default/team-checkout');
  const sam = user('user:default/sam', 'group:default/platform-sre');

  it('lets everyone read DR state', async () => {
    expect(
      await policy.handle({ permission: drsReadPermission }, alice),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it("lets an entity's owners manage plans, run drills and control executions", async () => {
    for (const permission of [
      drsPlanManagePermission,
      drsDrillStartPermission,
      drsExecutionControlPermission,
    ]) {
      const decision = await policy.handle({ permission }, alice);
      expect(decision).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          params: {
            claims: ['user:default/alice', 'group:default/team-checkout'],
          },
        },
      });
    }
  });

  it('lets the recovery groups control the executions of every service, as a recovery needs', async () => {
    expect(
      await policy.handle({ permission: drsExecutionControlPermission }, sam),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    for (const permission of [
      drsPlanManagePermission,
      drsDrillStartPermission,
    ]) {
      expect(await policy.handle({ permission }, sam)).toMatchObject({
        result: AuthorizeResult.CONDITIONAL,
        conditions: { rule: 'IS_ENTITY_OWNER' },
      });
    }
  });

  it('reserves a real recovery to the configured recovery groups', async () => {
    expect(
      await policy.handle({ permission: drsRecoveryStartPermission }, alice),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(
      await policy.handle({ permission: drsRecoveryStartPermission }, sam),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await policy.handle({ permission: drsRecoveryStartPermission }),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it("leaves other plugins' permissions allowed, as Backstage's default set-up does", async () => {
    expect(
      await policy.handle({ permission: catalogEntityReadPermission }, alice),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });
});
