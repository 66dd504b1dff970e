import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
  SourceServerList,
  StartExecutionRequest,
} from './DrsApi';
import { expectFields } from './payload';

/** Long enough for a DRS round trip behind the backend, short enough that nobody stares at a spinner. */
const DEFAULT_TIMEOUT_MS = 30_000;

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

/**
 * The plan routes answer a failed validation with `{ error, issues }` and no `response` field,
 * which ResponseError would not recognise as the backend's error: add the field so it does.
 */
function asBackstageErrorBody(text: string, statusCode: number): string {
  try {
    const body = JSON.parse(text);
    if (typeof body?.error?.message === 'string' && !body.response) {
      return JSON.stringify({ ...body, response: { statusCode } });
    }
  } catch {
    // not JSON: ResponseError keeps the text in its message
  }
  return text;
}

async function toResponseError(response: Response): Promise<ResponseError> {
  const text = await response.text();
  return ResponseError.fromResponse({
    headers: response.headers,
    ok: response.ok,
    redirected: response.redirected,
    status: response.status,
    statusText: response.statusText,
    type: response.type,
    url: response.url,
    text: async () => asBackstageErrorBody(text, response.status),
  });
}

/** The file name the backend chose in Content-Disposition. */
function attachmentName(response: Response, fallback: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
}

/**
 * Talks to the drs backend plugin. Non-2xx answers become ResponseErrors with the backend's
 * message; timeouts, unreachable backends and malformed answers become errors saying so.
 */
export class DrsClient implements DrsApi {
  private readonly timeoutMs: number;

  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
      timeoutMs?: number;
    },
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  getSourceServers(entityRef: string) {
    return this.json<SourceServerList>(
      `${entityPath(entityRef)}/source-servers`,
      { fields: { items: 'array', region: 'string' }, what: 'source servers' },
    );
  }

  async listPlans(entityRef: string) {
    const { items } = await this.json<{ items: RecoveryPlan[] }>(
      `${entityPath(entityRef)}/plans`,
      { fields: { items: 'array' }, what: 'recovery plans' },
    );
    return items;
  }

  createPlan(entityRef: string, plan: RecoveryPlanInput) {
    return this.json<RecoveryPlan>(`${entityPath(entityRef)}/plans`, {
      method: 'POST',
      body: plan,
      fields: { planId: 'string', waves: 'array' },
      what: 'the saved plan',
    });
  }

  updatePlan(
    entityRef: string,
    planId: string,
    plan: RecoveryPlanInput,
    version: number,
  ) {
    return this.json<RecoveryPlan>(
      `${entityPath(entityRef)}/plans/${encodeURIComponent(planId)}`,
      {
        method: 'PUT',
        body: { ...plan, version },
        fields: { planId: 'string', waves: 'array' },
        what: 'the saved plan',
      },
    );
  }

  async deletePlan(entityRef: string, planId: string, version: number) {
    await this.send(
      `${entityPath(entityRef)}/plans/${encodeURIComponent(
        planId,
      )}?version=${version}`,
      { method: 'DELETE' },
      async () => undefined,
    );
  }

  async validatePlan(entityRef: string, plan: RecoveryPlanInput) {
    const { issues } = await this.json<{ issues: PlanIssue[] }>(
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

  async validateSavedPlan(entityRef: string, planId: string) {
    const { issues } = await this.json<{ issues: PlanIssue[] }>(
      `${entityPath(entityRef)}/plans/${encodeURIComponent(planId)}/validate`,
      {
        method: 'POST',
        body: {},
        fields: { issues: 'array' },
        what: 'the validation result',
      },
    );
    return issues;
  }

  startExecution(
    entityRef: string,
    planId: string,
    { mode, idempotencyKey }: StartExecutionRequest,
  ) {
    return this.json<Execution>(
      `${entityPath(entityRef)}/plans/${encodeURIComponent(planId)}/executions`,
      {
        method: 'POST',
        body: { mode },
        headers: { 'Idempotency-Key': idempotencyKey },
        fields: executionFields,
        what: 'the started execution',
      },
    );
  }

  listExecutions(entityRef: string, request: ListExecutionsRequest = {}) {
    const query = new URLSearchParams();
    if (request.limit) query.set('limit', String(request.limit));
    if (request.cursor) query.set('cursor', request.cursor);
    if (request.status) query.set('status', request.status);
    const suffix = query.toString() ? `?${query}` : '';
    return this.json<Page<ExecutionSummary>>(
      `${entityPath(entityRef)}/executions${suffix}`,
      { fields: { items: 'array' }, what: 'the execution history' },
    );
  }

  getExecution(executionId: string) {
    return this.json<Execution>(executionPath(executionId), {
      fields: executionFields,
      what: 'the execution',
    });
  }

  cancelExecution(executionId: string) {
    return this.control(executionId, 'cancel', {});
  }

  resumeExecution(executionId: string, wave: string) {
    return this.control(executionId, 'resume', { wave });
  }

  terminateDrillInstances(executionId: string) {
    return this.control(executionId, 'terminate', {});
  }

  downloadExecutionReport(executionId: string) {
    return this.send<ExecutionReportFile>(
      `${executionPath(executionId)}/report?format=markdown`,
      {},
      async response => ({
        filename: attachmentName(response, `dr-report-${executionId}.md`),
        content: await response.blob(),
      }),
    );
  }

  getDrHealth(entityRef: string) {
    return this.json<DrHealth>(`${entityPath(entityRef)}/dr-health`, {
      fields: {
        servers: 'object',
        activeExecutions: 'array',
        problems: 'array',
      },
      what: 'the DR health',
    });
  }

  async listDrHealth() {
    const { items } = await this.json<{ items: DrHealthOverviewItem[] }>(
      '/dr-health',
      { fields: { items: 'array' }, what: 'the DR health overview' },
    );
    return items;
  }

  private control(executionId: string, action: string, body: object) {
    return this.json<Execution>(`${executionPath(executionId)}/${action}`, {
      method: 'POST',
      body,
      fields: executionFields,
      what: 'the execution',
    });
  }

  private json<T>(
    path: string,
    options: {
      method?: string;
      body?: unknown;
      headers?: Record<string, string>;
      fields: Parameters<typeof expectFields>[1];
      what: string;
    },
  ): Promise<T> {
    return this.send(path, options, async response => {
      let payload: unknown;
      try {
        payload = await response.json();
      } catch {
        throw new Error(
          `The DRS backend sent ${options.what} as something other than JSON; try again, and report it if it persists.`,
        );
      }
      return expectFields<T>(payload, options.fields, options.what);
    });
  }

  /**
   * Sends a request with a deadline covering the answer's body too. The deadline races the
   * request rather than trusting the abort signal alone: not every fetch honours it.
   */
  private async send<T>(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> },
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('drs');
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(
          new Error(
            `The DRS backend did not answer within ${
              this.timeoutMs / 1000
            } seconds; check your connection and try again.`,
          ),
        );
      }, this.timeoutMs);
    });
    const attempt = async () => {
      const response = await this.options.fetchApi
        .fetch(`${baseUrl}${path}`, {
          method: init.method ?? 'GET',
          headers: {
            ...(init.body !== undefined && {
              'Content-Type': 'application/json',
            }),
            ...init.headers,
          },
          body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
          signal: abort.signal,
        })
        .catch(error => {
          throw new Error(
            `Could not reach the DRS backend (${error.message}); check your connection and try again.`,
          );
        });
      if (!response.ok) {
        throw await toResponseError(response);
      }
      return read(response);
    };
    try {
      return await Promise.race([attempt(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
