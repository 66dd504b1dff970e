import { randomUUID } from 'crypto';
import { callerFromAuthorization } from './auth';
import { increment } from './callLog';
import {
  DrsApiError,
  internalError,
  invalidFields,
  throttled,
  validationError,
} from './errors';
import { faultStrikes } from './faults';
import { loadServiceModel } from './model';
import { OPERATIONS } from './operations';
import { validateShape } from './shapeValidation';
import { Simulation } from './simulation';

export interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Serves one DRS call the REST-JSON way; any failure becomes a modeled error answer. */
export async function handleDrsCall(
  sim: Simulation,
  request: HttpRequest,
): Promise<HttpResponse> {
  const requestId = randomUUID();
  try {
    const { status, body } = await serve(sim, request);
    return { status, headers: { 'x-amzn-requestid': requestId }, body };
  } catch (error) {
    const answer =
      error instanceof DrsApiError
        ? error
        : internalError(`Simulator error: ${(error as Error).message}`);
    return {
      status: answer.statusCode,
      headers: {
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': answer.errorType,
        ...answer.headers,
      },
      body: answer.responseBody(),
    };
  }
}

async function serve(
  sim: Simulation,
  request: HttpRequest,
): Promise<{ status: number; body: unknown }> {
  const model = loadServiceModel();
  const name = request.path.slice(1);
  const operation = Object.hasOwn(OPERATIONS, name)
    ? OPERATIONS[name]
    : undefined;
  const operationModel = Object.hasOwn(model.operations, name)
    ? model.operations[name]
    : undefined;
  if (!operation || request.method !== operationModel?.http.method) {
    const served = Object.keys(OPERATIONS).join(', ');
    throw new DrsApiError(
      'UnknownOperationException',
      operationModel
        ? `${request.method} ${request.path}: the simulator does not implement ${name} (it serves ${served})`
        : `${request.method} ${request.path} is not a DRS operation`,
    );
  }
  const { calls, faults } = sim;
  calls.total++;
  increment(calls.byOperation, name);
  if (faults.latencyMs > 0) await delay(faults.latencyMs);

  const authorization = request.headers.authorization;
  const caller = callerFromAuthorization(
    Array.isArray(authorization) ? authorization[0] : authorization,
  );
  if (!caller) {
    throw new DrsApiError(
      'MissingAuthenticationTokenException',
      'Missing or malformed SigV4 Authorization header (Credential=KEY/DATE/REGION/drs/aws4_request)',
    );
  }
  const tenant = sim.tenantFor(caller.region, caller.accessKeyId);
  if (!tenant) {
    throw new DrsApiError(
      'UninitializedAccountException',
      `DRS is not initialized in ${caller.region}: the simulator's inventory has no account there`,
      { code: 'UNINITIALIZED_ACCOUNT' },
    );
  }

  if (faultStrikes(sim.dice.faults, faults.throttleShare)) {
    calls.injected.throttled++;
    throw throttled(faults.throttleRetryAfterSeconds);
  }
  if (faultStrikes(sim.dice.faults, faults.internalErrorShare)) {
    calls.injected.internalErrors++;
    throw internalError();
  }

  let input: unknown;
  try {
    input = request.body.trim() ? JSON.parse(request.body) : {};
  } catch {
    throw validationError('Request body is not valid JSON', [], 'cannotParse');
  }
  const issues = validateShape(model, operationModel.input!.shape, input, {
    allowUnknownMembers: true,
  });
  if (issues.length) throw invalidFields(issues);

  const now = sim.sync();
  const output = operation.handle({ sim, tenant, now }, input);
  if (operation.createsJob) {
    sim.journal?.append({
      at: now,
      kind: 'drs',
      accountId: tenant.accountId,
      region: tenant.region,
      operation: name,
      input,
    });
  }
  if (
    operation.createsJob &&
    faultStrikes(sim.dice.faults, faults.internalErrorAfterCommitShare)
  ) {
    calls.injected.internalErrors++;
    throw internalError();
  }
  return { status: operationModel.http.responseCode ?? 200, body: output };
}
