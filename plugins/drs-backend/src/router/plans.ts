import {
  drsPlanManagePermission,
  drsReadPermission,
  recoveryPlanInputSchema,
} from '@drs-orchestration/plugin-drs-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  parseInput,
  parseQuery,
  planIdFromParams,
  queryNumber,
  versionSchema,
} from '../validation';
import { ENTITY_ROUTE, principalRef } from './access';
import { RouteAccess, RouterOptions } from './types';

const versionQuery = z.object({ version: queryNumber(versionSchema) }).strict();
const updatePlanSchema = recoveryPlanInputSchema.extend({
  version: versionSchema,
});
const savedPlanValidateSchema = z
  .object({})
  .strict(
    'This route checks the saved plan and takes no body; to check a draft, POST it to /plans/validate',
  );

const planBody = (req: Request) =>
  parseInput(recoveryPlanInputSchema, req.body, 'recovery plan');

const updatePlanBody = (req: Request) =>
  parseInput(updatePlanSchema, req.body, 'recovery plan');

/** A route about one saved plan, without query parameters. */
function planIdOnly(req: Request): string {
  const planId = planIdFromParams(req.params);
  parseQuery(req.query);
  return planId;
}

/** A delete names the version it read, so that it cannot delete a plan changed since. */
function deletePlanInput(req: Request) {
  const planId = planIdFromParams(req.params);
  const { version } = parseQuery(req.query, versionQuery);
  return { planId, version };
}

/** The saved plan is checked as it is: a body would suggest otherwise, so it is refused. */
function savedPlanValidateInput(req: Request): string {
  const planId = planIdOnly(req);
  parseInput(savedPlanValidateSchema, req.body, 'validate request');
  return planId;
}

export function planRoutes({ plans }: RouterOptions, access: RouteAccess) {
  const router = Router();
  const planRoute = `${ENTITY_ROUTE}/plans`;

  router.get(planRoute, async (req, res) => {
    const { entity } = await access.entityRequest(req, {
      permission: drsReadPermission,
    });
    res.json({ items: await plans.list(entity) });
  });

  router.post(planRoute, async (req, res) => {
    const { entityRef, entity, credentials, body } = await access.entityRequest(
      req,
      {
        permission: drsPlanManagePermission,
        body: planBody,
      },
    );
    const plan = await access.audited(
      req,
      'plan-create',
      { entityRef, planName: body.name },
      () => plans.create(entity, body, principalRef(credentials)),
    );
    res.status(201).json(plan);
  });

  router.get(`${planRoute}/:planId`, async (req, res) => {
    const { entity, input: planId } = await access.entityRequest(req, {
      permission: drsReadPermission,
      input: planIdOnly,
    });
    res.json(await plans.get(entity, planId));
  });

  router.put(`${planRoute}/:planId`, async (req, res) => {
    const {
      entityRef,
      entity,
      credentials,
      input: planId,
      body,
    } = await access.entityRequest(req, {
      permission: drsPlanManagePermission,
      input: planIdOnly,
      body: updatePlanBody,
    });
    const { version, ...input } = body;
    const plan = await access.audited(
      req,
      'plan-update',
      { entityRef, planId },
      () =>
        plans.update(entity, planId, input, version, principalRef(credentials)),
    );
    res.json(plan);
  });

  router.delete(`${planRoute}/:planId`, async (req, res) => {
    const { entityRef, entity, input } = await access.entityRequest(req, {
      permission: drsPlanManagePermission,
      input: deletePlanInput,
    });
    const { planId, version } = input;
    await access.audited(req, 'plan-delete', { entityRef, planId }, () =>
      plans.delete(entity, planId, version),
    );
    res.status(204).end();
  });

  /** Pre-flight of a draft plan (not saved) or of a saved one (no body). */
  router.post(`${planRoute}/validate`, async (req, res) => {
    const { entity, body } = await access.entityRequest(req, {
      permission: drsReadPermission,
      body: planBody,
    });
    res.json({ issues: await plans.validate(entity, body) });
  });

  router.post(`${planRoute}/:planId/validate`, async (req, res) => {
    const { entity, input: planId } = await access.entityRequest(req, {
      permission: drsReadPermission,
      input: savedPlanValidateInput,
    });
    const plan = await plans.get(entity, planId);
    res.json({ issues: await plans.validate(entity, plan) });
  });

  return router;
}
