import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
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
} from '@internal/plugin-drs-common';
import express, { ErrorRequestHandler, Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DrsGateway } from './services/DrsGateway/types';
import { EntityResolver } from './services/EntityResolver/createEntityResolver';
import { ExecutionService } from './services/ExecutionService/createExecutionService';
import { HealthService } from './services/HealthService/createHealthService';
import {
  PlanService,
  PlanValidationError,
} from './services/PlanService/createPlanService';
import {
  entityRefFromParams,
  parseInput,
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
const versionQuery = z.object({ version: versionSchema }).strict();
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
const listExecutionsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(2048).optional(),
    status: z.enum(EXECUTION_STATUSES).optional(),
  })
  .strict();
const executionParams = z.object({ executionId: uuidSchema }).strict();
const resumeBody = z.object({ wave: z.string().min(1).max(64) }).strict();
const emptyBody = z.object({}).strict();
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
  router.use(express.json({ limit: '512kb' }));

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
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const entity = await entities.resolve(entityRef, credentials);
    res.json({ items: await plans.list(entity) });
  });

  router.post(`${entityRoute}/plans`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
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
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const entity = await entities.resolve(entityRef, credentials);
    res.json(await plans.get(entity, planId));
  });

  router.put(`${entityRoute}/plans/:planId`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    const { planId } = parseInput(planIdParams, req.params, 'plan ID');
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
    const { version } = parseInput(versionQuery, req.query, 'query');
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
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const entity = await entities.resolve(entityRef, credentials);
    const plan = await plans.get(entity, planId);
    res.json({ issues: await plans.validate(entity, plan) });
  });

  router.post(`${entityRoute}/plans/:planId/executions`, async (req, res) => {
    const entityRef = entityRefFromParams(req.params);
    const { planId } = parseInput(planIdParams, req.params, 'plan ID');
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
    const query = parseInput(listExecutionsQuery, req.query, 'query');
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
    const { execution } = await authorizedExecution(req, drsReadPermission);
    res.json(execution);
  });

  router.get('/executions/:executionId/report', async (req, res) => {
    const { format } = parseInput(reportQuery, req.query, 'query');
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
    const credentials = await authorize(req, drsReadPermission, entityRef);
    const entity = await entities.resolve(entityRef, credentials);
    res.json(await health.forEntity(entity));
  });

  /** DR health of every entity with DRS annotations that the caller can see in the catalog. */
  router.get('/dr-health', async (req, res) => {
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

  const planValidationErrors: ErrorRequestHandler = (
    error,
    _req,
    res,
    next,
  ) => {
    if (!(error instanceof PlanValidationError)) {
      next(error);
      return;
    }
    res.status(400).json({
      error: { name: error.name, message: error.message },
      issues: error.issues,
    });
  };
  router.use(planValidationErrors);

  return router;
}
