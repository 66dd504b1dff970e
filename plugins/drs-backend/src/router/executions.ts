import {
  drsDrillStartPermission,
  drsReadPermission,
  drsRecoveryStartPermission,
  EXECUTION_STATUSES,
  executionReport,
  executionReportMarkdown,
} from '@drs-orchestration/plugin-drs-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ExecutionControl } from '../services/ExecutionService/types';
import {
  parseInput,
  parseQuery,
  planIdFromParams,
  planModeSchema,
  queryNumber,
  refuseOtherModesOptions,
  startChoiceSchema,
} from '../validation';
import { ENTITY_ROUTE, principalRef } from './access';
import { authorizedControl, authorizedExecution } from './executionAccess';
import { wayBackRoutes } from './wayBack';
import { RouteAccess, RouterOptions } from './types';

const startExecutionSchema = startChoiceSchema.extend({
  mode: planModeSchema.default('DRILL'),
});
const idempotencyKeySchema = z
  .string()
  .regex(
    /^[A-Za-z0-9._:-]{1,128}$/,
    'must be 1-128 letters, digits, ., _, : or - (e.g. a UUID)',
  )
  .optional();
const pageSizeRule = 'must be a whole number from 1 to 100';
const cursorRule = 'must be the nextCursor of the previous page';
const listExecutionsQuery = z
  .object({
    limit: queryNumber(
      z
        .number({ invalid_type_error: pageSizeRule })
        .int(pageSizeRule)
        .min(1, pageSizeRule)
        .max(100, pageSizeRule)
        .default(25),
    ),
    cursor: z.string().min(1, cursorRule).max(2048, cursorRule).optional(),
    status: z.enum(EXECUTION_STATUSES).optional(),
  })
  .strict();
const resumeSchema = z
  .object({
    wave: z.string().min(1).max(64),
    step: z.string().min(1).max(64).optional(),
  })
  .strict();
const emptyBody = z.object({}).strict();
const reportQuery = z
  .object({ format: z.enum(['json', 'markdown']).default('json') })
  .strict();

/** All a start request says is read before the permission check, which depends on its mode. */
function startInput(req: Request) {
  const planId = planIdFromParams(req.params);
  parseQuery(req.query);
  const choice = parseInput(
    startExecutionSchema,
    req.body ?? {},
    'start request',
  );
  refuseOtherModesOptions(choice, choice.mode);
  const idempotencyKey = parseInput(
    idempotencyKeySchema,
    req.header('Idempotency-Key'),
    'Idempotency-Key header',
  );
  return { planId, ...choice, idempotencyKey };
}

const listInput = (req: Request) => parseQuery(req.query, listExecutionsQuery);

/**
 * What a control route records: a resume names its wave, and may name the approval step it
 * approves; cancel and terminate take no body.
 */
function controlOf(
  req: Request,
  action: ExecutionControl['action'],
): ExecutionControl {
  if (action === 'resume') {
    return { action, ...parseInput(resumeSchema, req.body, 'resume request') };
  }
  parseInput(emptyBody, req.body ?? {}, `${action} request`);
  return { action };
}

export function executionRoutes(
  { executions }: RouterOptions,
  access: RouteAccess,
) {
  const router = Router();

  router.post(`${ENTITY_ROUTE}/plans/:planId/executions`, async (req, res) => {
    const { entityRef, entity, credentials, input } =
      await access.entityRequest(req, {
        permission: ({ mode }) =>
          mode === 'RECOVERY'
            ? drsRecoveryStartPermission
            : drsDrillStartPermission,
        input: startInput,
      });
    const { planId, mode, pointInTime, acceptDataLossSeconds } = input;
    const { execution } = await access.audited(
      req,
      mode === 'RECOVERY' ? 'recovery-start' : 'drill-start',
      {
        entityRef,
        planId,
        mode,
        pointInTime: pointInTime?.type ?? 'latest',
        ...(acceptDataLossSeconds !== undefined && {
          acceptDataLossSeconds: String(acceptDataLossSeconds),
        }),
      },
      () =>
        executions.start(entity, { ...input, by: principalRef(credentials) }),
    );
    res.status(202).json(execution);
  });

  router.get(`${ENTITY_ROUTE}/executions`, async (req, res) => {
    const { entity, input: query } = await access.entityRequest(req, {
      permission: drsReadPermission,
      input: listInput,
    });
    res.json(await executions.list(entity, query));
  });

  router.get('/executions/:executionId', async (req, res) => {
    parseQuery(req.query);
    const { execution } = await authorizedExecution(
      executions,
      access,
      req,
      drsReadPermission,
    );
    res.json(execution);
  });

  router.get('/executions/:executionId/report', async (req, res) => {
    const { format } = parseQuery(req.query, reportQuery);
    const { execution } = await authorizedExecution(
      executions,
      access,
      req,
      drsReadPermission,
    );
    const report = executionReport(execution);
    if (format === 'markdown') {
      res
        .type('text/markdown')
        .attachment(`dr-report-${execution.executionId}.md`)
        .send(executionReportMarkdown(report));
    } else {
      res.json(report);
    }
  });

  for (const action of ['cancel', 'resume', 'terminate'] as const) {
    router.post(`/executions/:executionId/${action}`, async (req, res) => {
      parseQuery(req.query);
      const control = controlOf(req, action);
      const { execution, credentials } = await authorizedControl(
        executions,
        access,
        req,
      );
      const updated = await access.audited(
        req,
        `execution-${action}`,
        { entityRef: execution.entityRef, executionId: execution.executionId },
        () =>
          executions.control(
            execution.executionId,
            control,
            principalRef(credentials),
          ),
      );
      res.status(202).json(updated);
    });
  }

  router.use(wayBackRoutes(executions, access));
  return router;
}
