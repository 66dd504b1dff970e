import { ServiceUnavailableError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  drsReadPermission,
  PlanEvaluationItem,
  PlanEvaluationStatus,
} from '@drs-orchestration/plugin-drs-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { PlanEvaluationStore } from '../services/DynamoStore/types';
import { parseQuery } from '../validation';
import { ENTITY_ROUTE } from './access';
import { RouteAccess, RouterOptions } from './types';

const NOT_PASSING: PlanEvaluationStatus[] = ['fail', 'degraded', 'unknown'];
const STATUSES = ['pass', ...NOT_PASSING] as const;

/** `?status=fail,degraded`: which standings to list; by default every one but `pass`. */
const evaluationQuery = z
  .object({
    status: z
      .string()
      .refine(
        value =>
          value
            .split(',')
            .every(part =>
              (STATUSES as readonly string[]).includes(part.trim()),
            ),
        `must be a comma-separated list of ${STATUSES.join(', ')}`,
      )
      .transform(
        value =>
          value.split(',').map(part => part.trim()) as PlanEvaluationStatus[],
      )
      .optional(),
  })
  .strict();

const ORDER: Record<PlanEvaluationStatus, number> = {
  fail: 0,
  degraded: 1,
  unknown: 2,
  pass: 3,
};

/** Failing first, longest failing first, then by entity and plan name. */
function sorted(items: PlanEvaluationItem[]) {
  return items.sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] ||
      (a.failingSince ?? '').localeCompare(b.failingSince ?? '') ||
      a.entityRef.localeCompare(b.entityRef) ||
      a.planName.localeCompare(b.planName),
  );
}

function storeOf(evaluations: PlanEvaluationStore | undefined) {
  if (!evaluations) {
    throw new ServiceUnavailableError(
      'Plan evaluation is not available: the DRS stores of this backend keep no evaluations',
    );
  }
  return evaluations;
}

function readStatuses(req: Request): Set<PlanEvaluationStatus> {
  const { status } = parseQuery(req.query, evaluationQuery);
  return new Set(status ?? NOT_PASSING);
}

/**
 * The continuous evaluation's results: the plans that would fail or degrade a recovery started
 * now, and why, as the last evaluation stored them (no DRS call per request). Catalog-wide, only
 * the plans of entities the caller may read; or one entity's.
 */
export function evaluationRoutes(
  { evaluations, permissions }: RouterOptions,
  access: RouteAccess,
) {
  const router = Router();

  router.get('/plan-evaluations', async (req, res) => {
    const statuses = readStatuses(req);
    const store = storeOf(evaluations);
    const credentials = await access.credentials(req);
    const [all, lastRun] = await Promise.all([
      store.listEvaluations(),
      store.lastRun(),
    ]);
    const wanted = all.filter(item => statuses.has(item.status));
    const refs = [...new Set(wanted.map(item => item.entityRef))];
    const decisions = await permissions.authorize(
      refs.map(resourceRef => ({ permission: drsReadPermission, resourceRef })),
      { credentials },
    );
    const allowed = new Set(
      refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
    res.json({
      items: sorted(wanted.filter(item => allowed.has(item.entityRef))),
      lastEvaluation: lastRun,
    });
  });

  router.get(`${ENTITY_ROUTE}/plan-evaluations`, async (req, res) => {
    const { entityRef, input: statuses } = await access.entityRequest(req, {
      permission: drsReadPermission,
      input: readStatuses,
    });
    const store = storeOf(evaluations);
    const items = await store.listEvaluations(entityRef);
    res.json({
      items: sorted(items.filter(item => statuses.has(item.status))),
    });
  });

  return router;
}
