import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { drsReadPermission } from '@drs-orchestration/plugin-drs-common';
import Router from 'express-promise-router';
import { parseQuery } from '../validation';
import { ENTITY_ROUTE } from './access';
import { RouteAccess, RouterOptions } from './types';

export function healthRoutes(
  { permissions, health }: RouterOptions,
  access: RouteAccess,
) {
  const router = Router();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get(`${ENTITY_ROUTE}/dr-health`, async (req, res) => {
    const { entity } = await access.entityRequest(req, {
      permission: drsReadPermission,
    });
    res.json(await health.forEntity(entity));
  });

  /** DR health of every entity with DRS annotations that the caller can see in the catalog. */
  router.get('/dr-health', async (req, res) => {
    parseQuery(req.query);
    const credentials = await access.credentials(req);
    const items = await health.forCatalog(credentials);
    const decisions = await permissions.authorize(
      items.map(item => ({
        permission: drsReadPermission,
        resourceRef: item.entityRef,
      })),
      { credentials },
    );
    res.json({
      items: items.filter(
        (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
      ),
    });
  });

  return router;
}
