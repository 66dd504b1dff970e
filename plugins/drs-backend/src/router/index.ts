import { NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import {
  errorsWithDetails,
  httpLayerErrors,
  MAX_BODY_BYTES,
  refuseLoneSurrogates,
} from '../requestErrors';
import { createRouteAccess } from './access';
import { evaluationRoutes } from './evaluations';
import { executionRoutes } from './executions';
import { healthRoutes } from './health';
import { planRoutes } from './plans';
import { readinessRoutes } from './readiness';
import { sourceServerRoutes } from './sourceServers';
import { RouterOptions } from './types';

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(
    express.json({ limit: MAX_BODY_BYTES, reviver: refuseLoneSurrogates }),
  );
  const access = createRouteAccess(options);
  router.use(healthRoutes(options, access));
  router.use(readinessRoutes(options.readiness));
  router.use(sourceServerRoutes(options, access));
  router.use(planRoutes(options, access));
  router.use(evaluationRoutes(options, access));
  router.use(executionRoutes(options, access));

  // Answered here, not by the root handler's empty 404, so every answer carries a message.
  router.use(req => {
    throw new NotFoundError(
      `The DRS API has no route ${req.method} ${req.path}`,
    );
  });
  router.use(httpLayerErrors);
  router.use(errorsWithDetails);

  return router;
}
