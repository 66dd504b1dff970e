import { randomUUID } from 'crypto';
import { callerFromAuthorization } from './auth';
import { increment } from './callLog';
import { ServiceError } from './errors';
import { faultStrikes } from './faults';
import { ServiceModel, ServiceName } from './model';
import { OperationSpec } from './operations/context';
import { ShapeIssue, validateShape } from './shapeValidation';
import { Simulation } from './simulation';

export interface HttpRequest {
  method: string;
  path: string;
  /** The URL's query string, parsed. */
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Sent as it is when a string (EC2's XML), as JSON otherwise. */
  body?: unknown;
}

/** The errors every service answers in its own words, whatever the operation. */
export interface ServiceErrors {
  missingAuthentication(): ServiceError;
  /** The caller's region has no account in the inventory. */
  noAccount(region: string): ServiceError;
  throttled(retryAfterSeconds: number): ServiceError;
  internal(message?: string): ServiceError;
}

/**
 * A simulated AWS service: its operations, and its protocol: how a request names an operation
 * and carries its input, and how answers and errors are written.
 */
export interface AwsService {
  readonly name: ServiceName;
  readonly operations: Record<string, OperationSpec>;
  readonly errors: ServiceErrors;
  /** The operation a request names; throws this service's error for one it does not serve. */
  operationOf(request: HttpRequest): string;
  /** The request's input as a document of the model's member names, checked against the model. */
  inputOf(request: HttpRequest, operation: string): unknown;
  /**
   * Work outside the simulator that must be done before the call reads the world (the tables
   * CloudFormation creates in DynamoDB).
   */
  settle?(sim: Simulation): Promise<void>;
  answer(operation: string, output: unknown, requestId: string): HttpResponse;
  errorAnswer(error: ServiceError, requestId: string): HttpResponse;
}

/** How a JSON protocol refuses a body: unparseable, or not what the model asks for. */
export interface JsonInputErrors {
  unparseable(): ServiceError;
  invalid(issues: ShapeIssue[]): ServiceError;
}

/** A JSON body (empty means `{}`), checked against the operation's input shape. */
export function jsonInput(
  model: ServiceModel,
  operation: string,
  body: string,
  errors: JsonInputErrors,
): unknown {
  let input: unknown;
  try {
    input = body.trim() ? JSON.parse(body) : {};
  } catch {
    throw errors.unparseable();
  }
  const shape = model.operations[operation].input!.shape;
  const issues = validateShape(model, shape, input, {
    allowUnknownMembers: true,
  });
  if (issues.length) throw errors.invalid(issues);
  return input;
}

const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Serves one call to a service; any failure becomes an error answer in its protocol. */
export async function handleAwsCall(
  sim: Simulation,
  service: AwsService,
  request: HttpRequest,
): Promise<HttpResponse> {
  const requestId = randomUUID();
  try {
    const { operation, output } = await serve(sim, service, request);
    return service.answer(operation, output, requestId);
  } catch (error) {
    const answer =
      error instanceof ServiceError
        ? error
        : service.errors.internal(
            `Simulator error: ${(error as Error).message}`,
          );
    return service.errorAnswer(answer, requestId);
  }
}

/** Every service's calls meet the same faults, in the same order, before their logic runs. */
async function serve(
  sim: Simulation,
  service: AwsService,
  request: HttpRequest,
): Promise<{ operation: string; output: unknown }> {
  const operation = service.operationOf(request);
  const { calls, faults } = sim;
  calls.total++;
  increment(calls.byOperation, operation);
  if (faults.latencyMs > 0) await delay(faults.latencyMs);

  const authorization = request.headers.authorization;
  const caller = callerFromAuthorization(
    Array.isArray(authorization) ? authorization[0] : authorization,
  );
  if (!caller) throw service.errors.missingAuthentication();
  const tenant = sim.tenantFor(caller.region, caller.accessKeyId);
  if (!tenant) throw service.errors.noAccount(caller.region);

  if (faultStrikes(sim.dice.faults, faults.throttleShare)) {
    calls.injected.throttled++;
    throw service.errors.throttled(faults.throttleRetryAfterSeconds);
  }
  if (faultStrikes(sim.dice.faults, faults.internalErrorShare)) {
    calls.injected.internalErrors++;
    throw service.errors.internal();
  }

  const input = service.inputOf(request, operation);
  await service.settle?.(sim);
  const now = sim.sync();
  const spec = service.operations[operation];
  const output = spec.handle({ sim, tenant, now }, input);
  if (!spec.commits) return { operation, output };
  sim.journal?.append({
    at: now,
    kind: 'call',
    service: service.name,
    accountId: tenant.accountId,
    region: tenant.region,
    operation,
    input,
  });
  if (faultStrikes(sim.dice.faults, faults.internalErrorAfterCommitShare)) {
    calls.injected.internalErrors++;
    throw service.errors.internal();
  }
  return { operation, output };
}
