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
  refuseOtherModesOptions,
  startChoiceSchema,
  versionSchema,
} from '../validation';
import { ENTITY_ROUTE, principalRef } from './access';
import { RouteAccess, RouterOptions } from './types';

const versionQuery = z.object({ version: queryNumber(versionSchema) }).strict();
const updatePlanSchema = recoveryPlanInputSchema.extend({
  version: versionSchema,
});
const savedPlanPreflightSchema = startChoiceSchema.omit({
  acceptDataLossSeconds: true,
});

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

/**
 * Pre-flight of the saved plan as it is, for the start the body describes; a plan in the body
 * is refused by name (a draft goes to /plans/validate).
 */
function savedPlanPreflightInput(req: Request) {
  const planId = planIdOnly(req);
  const request = parseInput(
    savedPlanPreflightSchema,
    req.body ?? {},
    'pre-flight request (a draft plan goes to /plans/validate)',
  );
  if (request.mode) refuseOtherModesOptions(request, request.mode);
  return { planId, request };
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

  /** Pre-flight of a draft plan (not saved), for its default mode on DRS's latest point in time. */
  router.post(`${planRoute}/validate`, async (req, res) => {
    const { entity, body } = await access.entityRequest(req, {
      permission: drsReadPermission,
      body: planBody,
    });
    const { issues } = await plans.validate(entity, body);
    res.json({ issues });
  });

  /** Pre-flight of a saved plan for a start: its issues and each server's readiness. */
  router.post(`${planRoute}/:planId/validate`, async (req, res) => {
    const { entity, input } = await access.entityRequest(req, {
      permission: drsReadPermission,
      input: savedPlanPreflightInput,
    });
    const plan = await plans.get(entity, input.planId);
    const { issues, servers, worstDataLossSeconds } = await plans.validate(
      entity,
      plan,
      input.request,
    );
    res.json({ issues, servers, worstDataLossSeconds });
  });

  return router;
}
