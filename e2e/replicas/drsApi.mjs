// The DRS backend's API as the app uses it, against one replica.

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
    const response = await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(
        `${method} ${url} (replica ${this.replica.name}) answered ${response.status}: ${text}`,
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

  /** This replica's view of the engine task: `workerState.status` is `running` while it runs a cycle. */
  async engineTask() {
    const { tasks } = await this.request(
      'GET',
      '/.backstage/scheduler/v1/tasks',
    );
    return tasks.find(task => task.taskId === 'drs-execution-engine');
  }
}
