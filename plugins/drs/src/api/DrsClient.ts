import { parseEntityRef } from '@backstage/catalog-model';
import {
  DrHealth,
  Execution,
  ExecutionSummary,
  Page,
  PlanIssue,
  RecoveryPlan,
  RecoveryPlanInput,
} from '@drs-orchestration/plugin-drs-common';
import {
  DrHealthOverviewItem,
  DrsApi,
  ExecutionReportFile,
  ListExecutionsRequest,
  PlanEvaluationList,
  PreflightRequest,
  SavedPlanPreflight,
  SourceServerList,
  StartExecutionRequest,
} from './DrsApi';
import { BackendHttp, BackendHttpOptions } from './BackendHttp';

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

function executionPath(executionId: string): string {
  return `/executions/${encodeURIComponent(executionId)}`;
}

const executionFields = {
  executionId: 'string',
  status: 'string',
  waves: 'array',
  polling: 'object',
  requests: 'object',
} as const;

/** The file name the backend chose in Content-Disposition. */
function attachmentName(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
}

/**
 * The drs backend plugin's resources: where each lives and what its answer must hold.
 * Errors are BackendHttp's: ResponseErrors with the backend's message, or messages saying
 * the backend was unreachable, slow or malformed.
 *
 * @public
 */
export class DrsClient implements DrsApi {
  private readonly http: BackendHttp;

  constructor(options: BackendHttpOptions) {
    this.http = new BackendHttp(options);
  }

  /** {@inheritDoc DrsApi.getSourceServers} */
  getSourceServers(entityRef: string) {
    return this.http.json<SourceServerList>(
      `${entityPath(entityRef)}/source-servers`,
      { fields: { items: 'array', region: 'string' }, what: 'source servers' },
    );
  }

  /** {@inheritDoc DrsApi.listPlans} */
  async listPlans(entityRef: string) {
    const { items } = await this.http.json<{ items: RecoveryPlan[] }>(
      `${entityPath(entityRef)}/plans`,
      { fields: { items: 'array' }, what: 'recovery plans' },
    );
    return items;
  }

  /** {@inheritDoc DrsApi.createPlan} */
  createPlan(entityRef: string, plan: RecoveryPlanInput) {
    return this.http.json<RecoveryPlan>(`${entityPath(entityRef)}/plans`, {
      method: 'POST',
      body: plan,
      fields: { planId: 'string', waves: 'array' },
      what: 'the saved plan',
    });
  }

  /** {@inheritDoc DrsApi.updatePlan} */
  updatePlan(
    entityRef: string,
    planId: string,
    plan: RecoveryPlanInput,
    version: number,
  ) {
    return this.http.json<RecoveryPlan>(
      `${entityPath(entityRef)}/plans/${encodeURIComponent(planId)}`,
      {
        method: 'PUT',
        body: { ...plan, version },
        fields: { planId: 'string', waves: 'array' },
        what: 'the saved plan',
      },
    );
  }

  /** {@inheritDoc DrsApi.deletePlan} */
  async deletePlan(entityRef: string, planId: string, version: number) {
    await this.http.send(
      `${entityPath(entityRef)}/plans/${encodeURIComponent(
        planId,
      )}?version=${version}`,
      { method: 'DELETE' },
      async () => undefined,
    );
  }

  /** {@inheritDoc DrsApi.validatePlan} */
  async validatePlan(entityRef: string, plan: RecoveryPlanInput) {
    const { issues } = await this.http.json<{ issues: PlanIssue[] }>(
      `${entityPath(entityRef)}/plans/validate`,
      {
        method: 'POST',
        body: plan,
        fields: { issues: 'array' },
        what: 'the validation result',
      },
    );
    return issues;
  }

  /** {@inheritDoc DrsApi.validateSavedPlan} */
  validateSavedPlan(
    entityRef: string,
    planId: string,
    request: PreflightRequest = {},
  ) {
    return this.http.json<SavedPlanPreflight>(
      `${entityPath(entityRef)}/plans/${encodeURIComponent(planId)}/validate`,
      {
        method: 'POST',
        body: request,
        fields: { issues: 'array', servers: 'array' },
        what: 'the pre-flight result',
      },
    );
  }

  /** {@inheritDoc DrsApi.startExecution} */
  startExecution(
    entityRef: string,
    planId: string,
    { idempotencyKey, ...body }: StartExecutionRequest,
  ) {
    return this.http.json<Execution>(
      `${entityPath(entityRef)}/plans/${encodeURIComponent(planId)}/executions`,
      {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
        fields: executionFields,
        what: 'the started execution',
      },
    );
  }

  /** {@inheritDoc DrsApi.listExecutions} */
  listExecutions(entityRef: string, request: ListExecutionsRequest = {}) {
    const query = new URLSearchParams();
    if (request.limit) query.set('limit', String(request.limit));
    if (request.cursor) query.set('cursor', request.cursor);
    if (request.status) query.set('status', request.status);
    const suffix = query.toString() ? `?${query}` : '';
    return this.http.json<Page<ExecutionSummary>>(
      `${entityPath(entityRef)}/executions${suffix}`,
      { fields: { items: 'array' }, what: 'the execution history' },
    );
  }

  /** {@inheritDoc DrsApi.getExecution} */
  getExecution(executionId: string) {
    return this.http.json<Execution>(executionPath(executionId), {
      fields: executionFields,
      what: 'the execution',
    });
  }

  /** {@inheritDoc DrsApi.cancelExecution} */
  cancelExecution(executionId: string) {
    return this.control(executionId, 'cancel', {});
  }

  /** {@inheritDoc DrsApi.resumeExecution} */
  resumeExecution(executionId: string, wave: string) {
    return this.control(executionId, 'resume', { wave });
  }

  /** {@inheritDoc DrsApi.terminateDrillInstances} */
  terminateDrillInstances(executionId: string) {
    return this.control(executionId, 'terminate', {});
  }

  /** {@inheritDoc DrsApi.terminateRecoveryInstances} */
  terminateRecoveryInstances(recoveryExecutionId: string) {
    return this.control(recoveryExecutionId, 'terminate', {});
  }

  /** {@inheritDoc DrsApi.startReverseReplication} */
  startReverseReplication(executionId: string) {
    return this.control(executionId, 'reverse-replication', {});
  }

  /** {@inheritDoc DrsApi.startFailback} */
  startFailback(recoveryExecutionId: string, confirmation: string) {
    return this.control(recoveryExecutionId, 'failback', { confirmation });
  }

  /** {@inheritDoc DrsApi.downloadExecutionReport} */
  downloadExecutionReport(executionId: string) {
    return this.http.send<ExecutionReportFile>(
      `${executionPath(executionId)}/report?format=markdown`,
      {},
      async response => ({
        filename: attachmentName(response, `dr-report-${executionId}.md`),
        content: await response.blob(),
      }),
    );
  }

  /** {@inheritDoc DrsApi.getDrHealth} */
  getDrHealth(entityRef: string) {
    return this.http.json<DrHealth>(`${entityPath(entityRef)}/dr-health`, {
      fields: {
        servers: 'object',
        activeExecutions: 'array',
        problems: 'array',
      },
      what: 'the DR health',
    });
  }

  /** {@inheritDoc DrsApi.listDrHealth} */
  async listDrHealth() {
    const { items } = await this.http.json<{ items: DrHealthOverviewItem[] }>(
      '/dr-health',
      { fields: { items: 'array' }, what: 'the DR health overview' },
    );
    return items;
  }

  /** {@inheritDoc DrsApi.listPlanEvaluations} */
  listPlanEvaluations() {
    return this.http.json<PlanEvaluationList>('/plan-evaluations', {
      fields: { items: 'array' },
      what: 'the plan evaluations',
    });
  }

  private control(executionId: string, action: string, body: object) {
    return this.http.json<Execution>(
      `${executionPath(executionId)}/${action}`,
      {
        method: 'POST',
        body,
        fields: executionFields,
        what: 'the execution',
      },
    );
  }
}
