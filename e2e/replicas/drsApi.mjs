// The DRS backend's API as the app uses it, against one replica.

/** The scheduler task of the engine (plugins/drs-backend/src/plugin.ts). */
export const ENGINE_TASK_ID = 'drs-execution-engine';

/** A guest's Backstage token, as the app's guest sign-in gets it. */
export async function signInAsGuest(baseUrl) {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) {
    throw new Error(
      `guest sign-in on ${baseUrl} answered ${
        response.status
      }: ${await response.text()}`,
    );
  }
  return (await response.json()).backstageIdentity.token;
}

export class DrsApi {
  constructor(replica, token) {
    this.replica = replica;
    this.token = token;
  }

  async request(method, path, { body, headers } = {}) {
    const url = `${this.replica.url}/api/drs${path}`;
    const what = `${method} ${url} (replica ${this.replica.name})`;
    const response = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    }).catch(error => {
      throw new Error(`${what}: ${error.cause?.message ?? error.message}`);
    });
    const text = await response.text();
    if (!response.ok) {
      throw Object.assign(
        new Error(`${what} answered ${response.status}: ${text}`),
        { status: response.status },
      );
    }
    return text ? JSON.parse(text) : undefined;
  }

  sourceServers(entity) {
    return this.request(
      'GET',
      `/entities/component/default/${entity}/source-servers`,
    );
  }

  createPlan(entity, plan) {
    return this.request('POST', `/entities/component/default/${entity}/plans`, {
      body: plan,
    });
  }

  startDrill(entity, planId, idempotencyKey) {
    return this.request(
      'POST',
      `/entities/component/default/${entity}/plans/${planId}/executions`,
      {
        body: { mode: 'DRILL' },
        headers: { 'Idempotency-Key': idempotencyKey },
      },
    );
  }

  execution(executionId) {
    return this.request('GET', `/executions/${executionId}`);
  }

  /**
   * Asks the scheduler for an engine cycle now (Backstage's scheduler API); a cycle already
   * running answers 409, and the call is then a no-op.
   */
  async triggerEngine() {
    try {
      await this.request(
        'POST',
        `/.backstage/scheduler/v1/tasks/${ENGINE_TASK_ID}/trigger`,
      );
    } catch (error) {
      if (error.status !== 409) throw error;
    }
  }

  /** This replica's view of the engine task: `workerState.status` is `running` while it runs a cycle. */
  async engineTask() {
    const { tasks } = await this.request(
      'GET',
      '/.backstage/scheduler/v1/tasks',
    );
    return tasks.find(task => task.taskId === ENGINE_TASK_ID);
  }
}
