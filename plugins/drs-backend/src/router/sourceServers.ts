import { drsReadPermission } from '@drs-orchestration/plugin-drs-common';
import Router from 'express-promise-router';
import { ENTITY_ROUTE } from './access';
import { RouteAccess, RouterOptions } from './types';

export function sourceServerRoutes(
  { gateway }: RouterOptions,
  access: RouteAccess,
) {
  const router = Router();

  router.get(`${ENTITY_ROUTE}/source-servers`, async (req, res) => {
    const { entity } = await access.entityRequest(req, {
      permission: drsReadPermission,
    });
    const items = await gateway.describeSourceServers(
      entity.location,
      entity.selector,
    );
    res.json({
      items,
      accountId: entity.location.accountId,
      region: entity.location.region,
    });
  });

  return router;
}
