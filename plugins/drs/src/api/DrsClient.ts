import { parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Execution,
  ExecutionSummary,
  Page,
  PlanIssue,
  RecoveryPlan,
  RecoveryPlanInput,
} from '@internal/plugin-drs-common';
import { DrsApi, ListExecutionsRequest, SourceServerList } from './DrsApi';

function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

/** Talks to the drs backend plugin; non-2xx answers become ResponseErrors with the backend's message. */
export class DrsClient implements DrsApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  getSourceServers(entityRef: string) {
    return this.request<SourceServerList>(
      `${entityPath(entityRef)}/source-servers`,
    );
  }

  async listPlans(entityRef: string) {
    const { items } = await this.request<{ items: RecoveryPlan[] }>(
      `${entityPath(entityRef)}/plans`,
    );
    return items;
  }

  createPlan(entityRef: string, plan: RecoveryPlanInput) {
    return this.request<RecoveryPlan>(`${entityPath(entityRef)}/plans`, {
      method: 'POST',
      body: plan,
    });
  }

  updatePlan(
    entityRef: string,
    planId: string,
    plan: RecoveryPlanInput,
    version: number,
  ) {
    return this.request<RecoveryPlan>(
      `${entityPath(entityRef)}/plans/${encodeURIComponent(planId)}`,
      { method: 'PUT', body: { ...plan, version } },
    );
  }

  async deletePlan(entityRef: string, planId: string, version: number) {
    await this.request<void>(
      `${entityPath(entityRef)}/plans/${encodeURIComponent(
        planId,
      )}?version=${version}`,
      { method: 'DELETE' },
    );
  }

  async validatePlan(entityRef: string, plan: RecoveryPlanInput) {
    const { issues } = await this.request<{ issues: PlanIssue[] }>(
      `${entityPath(entityRef)}/plans/validate`,
      { method: 'POST', body: plan },
    );
    return issues;
  }

  listExecutions(entityRef: string, request: ListExecutionsRequest = {}) {
    const query = new URLSearchParams();
    if (request.status) query.set('status', request.status);
    if (request.cursor) query.set('cursor', request.cursor);
    if (request.limit) query.set('limit', String(request.limit));
    const suffix = query.toString() ? `?${query}` : '';
    return this.request<Page<ExecutionSummary>>(
      `${entityPath(entityRef)}/executions${suffix}`,
    );
  }

  getExecution(executionId: string) {
    return this.request<Execution>(
      `/executions/${encodeURIComponent(executionId)}`,
    );
  }

  private async request<T>(
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('drs');
    const response = await this.options.fetchApi.fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: init.body ? { 'Content-Type': 'application/json' } : undefined,
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    try {
      return (await response.json()) as T;
    } catch {
      throw new Error(
        `The DRS backend sent an answer that is not valid JSON (${path}); try again, and report it if it persists.`,
      );
    }
  }
}
