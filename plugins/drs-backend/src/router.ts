import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  drsDrillStartPermission,
  drsExecutionControlPermission,
  drsPlanManagePermission,
  drsReadPermission,
  drsRecoveryStartPermission,
  EXECUTION_MODES,
  EXECUTION_STATUSES,
  executionReport,
  executionReportMarkdown,
  recoveryPlanInputSchema,
} from '@drs-orchestration/plugin-drs-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DrsGateway } from './services/DrsGateway/types';
import { EntityResolver } from './services/EntityResolver/createEntityResolver';
import { ExecutionService } from './services/ExecutionService/createExecutionService';
import { HealthService } from './services/HealthService/createHealthService';
import { PlanService } from './services/PlanService/createPlanService';
import {
  httpLayerErrors,
  MAX_BODY_BYTES,
  planValidationErrors,
  refuseLoneSurrogates,
} from './requestErrors';
import {
  entityRefFromParams,
  parseInput,
  parseQuery,
  queryNumber,
  uuidSchema,
  versionSchema,
} from './validation';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  entities: EntityResolver;
  gateway: DrsGateway;
  plans: PlanService;
  executions: ExecutionService;
  health: HealthService;
}

/** Who did it, as recorded on plans and executions. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}

const planIdParams = z.object({ planId: uuidSchema }).passthrough();
const versionQuery = z.object({ version: queryNumber(versionSchema) }).strict();
const updatePlanBody = recoveryPlanInputSchema.extend({
  version: versionSchema,
});
const startExecutionBody = z
  .object({ mode: z.enum(EXECUTION_MODES).default('DRILL') })
  .strict();
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
const executionParams = z.object({ executionId: uuidSchema }).strict();
const resumeBody = z.object({ wave: z.string().min(1).max(64) }).strict();
const emptyBody = z.object({}).strict();
const savedPlanValidateBody = z
  .object({})
  .strict(
    'This route checks the saved plan and takes no body; to check a draft, POST it to /plans/validate',
  );
const reportQuery = z
  .object({ format: z.enum(['json', 'markdown']).default('json') })
  .strict();

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    permissions,
    auditor,
    entities,
    gateway,
    plans,
    executions,
    health,
  } = options;
  const router = Router();
  router.use(
    express.json({ limit: MAX_BODY_BYTES, reviver: refuseLoneSurrogates }),
  );

  /** Authenticates the caller and checks a permission on the entity; 403 otherwise. */
  async function authorize(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You do not have the ${permission.name} permission for ${entityRef}`,
      );
    }
    return credentials;
  }

  /** Runs a mutation as an audited event: who, what, which entity, outcome. */
  async function audited<T>(
    req: Request,
    eventId: string,
    meta: Record<string, string>,
    action: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId,
      request: req,
      severityLevel: 'medium',
      meta,
    });
    try {
      const result = await action();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const entityRoute = '/entities/:kind/:namespace/:name';

  router.get(`${entityRoute}/source-servers`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    parseQuery(req.query);
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const entity = await entities.resolve(entityRef, credentials);
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

  router.get(`${entityRoute}/plans`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    parseQuery(req.query);
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const entity = await entities.resolve(entityRef, credentials);
    res.json({ items: await plans.list(entity) });
  });

  router.post(`${entityRoute}/plans`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    parseQuery(req.query);
    const credentials = await authorize(
      req,
      drsPlanManagePermission,
      entityRef,
    );
    const input = parseInput(
      recoveryPlanInputSchema,
      req.body,
      'recovery plan',
    );
    const entity = await entities.resolve(entityRef, credentials);
    const plan = await audited(
      req,
      'plan-create',
      { entityRef, planName: input.name },
      () => plans.create(entity, input, principalRef(credentials)),
    );
    res.status(201).json(plan);
  });

  router.get(`${entityRoute}/plans/:planId`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    const { planId } = parseInput(planIdParams, req.params, 'plan ID');
    parseQuery(req.query);
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const entity = await entities.resolve(entityRef, credentials);
    res.json(await plans.get(entity, planId));
  });

  router.put(`${entityRoute}/plans/:planId`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    const { planId } = parseInput(planIdParams, req.params, 'plan ID');
    parseQuery(req.query);
    const credentials = await authorize(
      req,
      drsPlanManagePermission,
      entityRef,
    );
    const { version, ...input } = parseInput(
      updatePlanBody,
      req.body,
      'recovery plan',
    );
    const entity = await entities.resolve(entityRef, credentials);
    const plan = await audited(req, 'plan-update', { entityRef, planId }, () =>
      plans.update(entity, planId, input, version, principalRef(credentials)),
    );
    res.json(plan);
  });

  router.delete(`${entityRoute}/plans/:planId`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    const { planId } = parseInput(planIdParams, req.params, 'plan ID');
    const { version } = parseQuery(req.query, versionQuery);
    const credentials = await authorize(
      req,
      drsPlanManagePermission,
      entityRef,
    );
    const entity = await entities.resolve(entityRef, credentials);
    await audited(req, 'plan-delete', { entityRef, planId }, () =>
      plans.delete(entity, planId, version),
    );
    res.status(204).end();
  });

  /** Pre-flight of a draft plan (not saved) or of a saved one (no body). */
  router.post(`${entityRoute}/plans/validate`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    parseQuery(req.query);
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const input = parseInput(
      recoveryPlanInputSchema,
      req.body,
      'recovery plan',
    );
    const entity = await entities.resolve(entityRef, credentials);
    res.json({ issues: await plans.validate(entity, input) });
  });

  router.post(`${entityRoute}/plans/:planId/validate`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    const { planId } = parseInput(planIdParams, req.params, 'plan ID');
    parseQuery(req.query);
    parseInput(savedPlanValidateBody, req.body, 'validate request');
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const entity = await entities.resolve(entityRef, credentials);
    const plan = await plans.get(entity, planId);
    res.json({ issues: await plans.validate(entity, plan) });
  });

  router.post(`${entityRoute}/plans/:planId/executions`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    const { planId } = parseInput(planIdParams, req.params, 'plan ID');
    parseQuery(req.query);
    const { mode } = parseInput(
      startExecutionBody,
      req.body ?? {},
      'start request',
    );
    const idempotencyKey = parseInput(
      idempotencyKeySchema,
      req.header('Idempotency-Key'),
      'Idempotency-Key header',
    );
    const credentials = await authorize(
      req,
      mode === 'RECOVERY'
        ? drsRecoveryStartPermission
        : drsDrillStartPermission,
      entityRef,
    );
    const entity = await entities.resolve(entityRef, credentials);
    const { execution } = await audited(
      req,
      mode === 'RECOVERY' ? 'recovery-start' : 'drill-start',
      { entityRef, planId, mode },
      () =>
        executions.start(entity, {
          planId,
          mode,
          by: principalRef(credentials),
          idempotencyKey,
        }),
    );
    res.status(202).json(execution);
  });

  router.get(`${entityRoute}/executions`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    const query = parseQuery(req.query, listExecutionsQuery);
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const entity = await entities.resolve(entityRef, credentials);
    res.json(await executions.list(entity, query));
  });

  /** Loads an execution and checks the caller's permission on the entity that owns it. */
  async function authorizedExecution(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
  ) {
    const { executionId } = parseInput(
      executionParams,
      req.params,
      'execution ID',
    );
    const execution = await executions.get(executionId);
    const credentials = await authorize(req, permission, execution.entityRef);
    return { execution, credentials };
  }

  router.get('/executions/:executionId', async (req, res) => {
    parseQuery(req.query);
    const { execution } = await authorizedExecution(req, drsReadPermission);
    res.json(execution);
  });

  router.get('/executions/:executionId/report', async (req, res) => {
    const { format } = parseQuery(req.query, reportQuery);
    const { execution } = await authorizedExecution(req, drsReadPermission);
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
      const body =
        action === 'resume'
          ? parseInput(resumeBody, req.body, 'resume request')
          : parseInput(emptyBody, req.body ?? {}, `${action} request`);
      const { execution, credentials } = await authorizedExecution(
        req,
        drsExecutionControlPermission,
      );
      const control =
        action === 'resume'
          ? { action, wave: (body as { wave: string }).wave }
          : { action };
      const updated = await audited(
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

  router.get(`${entityRoute}/dr-health`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    parseQuery(req.query);
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const entity = await entities.resolve(entityRef, credentials);
    res.json(await health.forEntity(entity));
  });

  /** DR health of every entity with DRS annotations that the caller can see in the catalog. */
  router.get('/dr-health', async (req, res) => {
    parseQuery(req.query);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
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

  // Answered here, not by the root handler's empty 404, so every answer carries a message.
  router.use(req => {
    throw new NotFoundError(
      `The DRS API has no route ${req.method} ${req.path}`,
    );
  });
  router.use(httpLayerErrors);
  router.use(planValidationErrors);

  return router;
}
