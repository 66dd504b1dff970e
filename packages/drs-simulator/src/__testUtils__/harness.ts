import { DescribeJobsCommand, DrsClient, Job } from '@aws-sdk/client-drs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { ServiceModel } from '../model';
import { validateShape } from '../shapeValidation';
import {
  InventorySourceServer,
  SimulatorHandle,
  SimulatorInventory,
  SimulatorOptions,
  startSimulator,
} from '../index';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const REGION = 'us-east-1';
export const START_TIME = '2024-05-01T12:00:00.000Z';
/** Answers must not carry members the model lacks (requests may: AWS ignores them). */
export const STRICT = { allowUnknownMembers: false };

/** `count` replicating servers named `${prefix}-1..count`. */
export function servers(
  prefix: string,
  count: number,
  extra: Partial<InventorySourceServer> = {},
): InventorySourceServer[] {
  return Array.from({ length: count }, (_, i) => ({
    hostname: `${prefix}-${i + 1}`,
    tags: { Application: prefix },
    lagSeconds: 5,
    ...extra,
  }));
}

/** A small world: a web tier, a stalled server and one that always fails, plus other accounts/regions. */
export const TEST_INVENTORY: SimulatorInventory = {
  accounts: [
    {
      accountId: ACCOUNT,
      region: REGION,
      sourceServers: [
        {
          hostname: 'web-1',
          sourceServerID: 's-1111111111111111a',
          tags: { Application: 'shop', Tier: 'web' },
          lagSeconds: 12,
        },
        ...servers('app', 5),
        {
          hostname: 'stalled-1',
          replicationState: 'STALLED',
          lagSeconds: 5400,
        },
        { hostname: 'doomed-1', failAt: 'launch' },
      ],
    },
    {
      accountId: OTHER_ACCOUNT,
      region: REGION,
      sourceServers: servers('other', 2),
    },
    {
      accountId: ACCOUNT,
      region: 'us-west-2',
      // EC2 instances of us-east-1, replicated to us-west-2: they can fail back.
      sourceServers: servers('west', 3, {
        origin: { region: REGION, availabilityZone: 'us-east-1b' },
      }),
    },
  ],
  automationDocuments: [
    {
      name: 'Checkout-DrainTraffic',
      parameters: {
        TargetGroup: { required: true },
        Environment: { default: 'drill' },
        Note: {},
      },
      outputs: {
        'Drain.TargetGroups': '{{ TargetGroup }}',
        'Drain.Summary': 'drained {{TargetGroup}} in {{ Environment }}',
        'Drain.Note': ['{{ Note }}', 'note: {{ Note }}'],
      },
      durationSeconds: 60,
    },
    {
      name: 'Checkout-SmokeTest',
      durationSeconds: 30,
      timeoutSeconds: 300,
      failureMessage: 'Smoke test: 2 of 5 checks failed',
    },
  ],
};

export interface ClientOptions {
  region?: string;
  accessKeyId?: string;
  maxAttempts?: number;
}

/** What every SDK client of the tests is configured with: the simulator, and one attempt. */
export function clientConfig(
  simulator: SimulatorHandle,
  options: ClientOptions = {},
) {
  return {
    endpoint: simulator.endpoint,
    region: options.region ?? REGION,
    credentials: {
      accessKeyId: options.accessKeyId ?? 'x',
      secretAccessKey: 'y',
    },
    maxAttempts: options.maxAttempts ?? 1,
  };
}

export function drsClient(
  simulator: SimulatorHandle,
  options: ClientOptions = {},
): DrsClient {
  return new DrsClient(clientConfig(simulator, options));
}

export function ssmClient(
  simulator: SimulatorHandle,
  options: ClientOptions = {},
): SSMClient {
  return new SSMClient(clientConfig(simulator, options));
}

export function ec2Client(
  simulator: SimulatorHandle,
  options: ClientOptions = {},
): EC2Client {
  return new EC2Client(clientConfig(simulator, options));
}

/** A simulator on the manual clock with a fixed start and seed, plus an SDK client for it. */
export async function startTestSimulator(
  options: Partial<SimulatorOptions> = {},
): Promise<{ simulator: SimulatorHandle; drs: DrsClient }> {
  const simulator = await startSimulator({
    inventory: TEST_INVENTORY,
    clock: 'manual',
    startTime: START_TIME,
    seed: 42,
    ...options,
  });
  return { simulator, drs: drsClient(simulator) };
}

/**
 * A test simulator for a `describe` block: started before its tests, reset before each, closed
 * after all. Read `simulator` and `drs` from the result inside the tests.
 */
export function useTestSimulator(options: Partial<SimulatorOptions> = {}): {
  simulator: SimulatorHandle;
  drs: DrsClient;
} {
  const world = {} as { simulator: SimulatorHandle; drs: DrsClient };
  beforeAll(async () => {
    Object.assign(world, await startTestSimulator(options));
  });
  beforeEach(() => world.simulator.reset());
  afterAll(() => world.simulator.close());
  return world;
}

/** Checks that a request is one the model accepts; returns the operation's input and output shapes. */
export function expectModeledRequest(
  model: ServiceModel,
  operation: string,
  input: unknown,
): { inputShape: string; outputShape: string } {
  const { input: inputRef, output } = model.operations[operation];
  expect(validateShape(model, inputRef!.shape, input, STRICT)).toEqual([]);
  return { inputShape: inputRef!.shape, outputShape: output!.shape };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
  text: string;
}

interface RawRequest {
  path: string;
  body: string;
  headers?: Record<string, string>;
  method?: string;
  region?: string;
  /** The service in the SigV4 credential scope. */
  service: string;
  authorization?: string;
}

/** A call without the SDK: fetch with a SigV4-shaped Authorization header (never verified). */
async function rawRequest(
  simulator: SimulatorHandle,
  request: RawRequest,
): Promise<RawResponse> {
  const region = request.region ?? REGION;
  const response = await fetch(`${simulator.endpoint}${request.path}`, {
    method: request.method ?? 'POST',
    headers: {
      ...request.headers,
      authorization:
        request.authorization ??
        `AWS4-HMAC-SHA256 Credential=x/20240501/${region}/${request.service}/aws4_request, SignedHeaders=host, Signature=00`,
    },
    body: request.method === 'GET' ? undefined : request.body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

export interface RawOptions {
  region?: string;
  method?: string;
  authorization?: string;
}

/** A DRS call: `POST /<operation>` with a JSON body. */
export function rawCall(
  simulator: SimulatorHandle,
  operation: string,
  body: unknown,
  options: RawOptions = {},
): Promise<RawResponse> {
  return rawRequest(simulator, {
    ...options,
    service: 'drs',
    path: `/${operation}`,
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An SSM call: AWS JSON 1.1, `POST /` naming the operation in X-Amz-Target. */
export function rawSsmCall(
  simulator: SimulatorHandle,
  operation: string,
  body: unknown,
  options: RawOptions & { target?: string } = {},
): Promise<RawResponse> {
  return rawRequest(simulator, {
    ...options,
    service: 'ssm',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': options.target ?? `AmazonSSM.${operation}`,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An EC2 call: the query protocol, `POST /` with form parameters (in the URL for a GET). */
export function rawEc2Call(
  simulator: SimulatorHandle,
  params: Record<string, string>,
  options: RawOptions = {},
): Promise<RawResponse> {
  const form = new URLSearchParams(params).toString();
  return rawRequest(simulator, {
    ...options,
    service: 'ec2',
    path: options.method === 'GET' ? `/?${form}` : '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
}

/** A CloudFormation call: the AWS query protocol, `POST /` with form parameters. */
export function rawCloudFormationCall(
  simulator: SimulatorHandle,
  params: Record<string, string>,
  options: RawOptions = {},
): Promise<RawResponse> {
  return rawRequest(simulator, {
    ...options,
    service: 'cloudformation',
    path: '/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
}

export async function control(
  simulator: SimulatorHandle,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<RawResponse> {
  const response = await fetch(`${simulator.endpoint}/_sim/${path}`, {
    method,
    ...(body !== undefined
      ? {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }
      : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: JSON.parse(text),
    text,
  };
}

export async function describeJob(drs: DrsClient, jobID: string): Promise<Job> {
  const { items } = await drs.send(
    new DescribeJobsCommand({ filters: { jobIDs: [jobID] } }),
  );
  expect(items).toHaveLength(1);
  return items![0];
}

/** Polls like a caller would, advancing the manual clock between polls, until the job completes. */
export async function pollUntilCompleted(
  simulator: SimulatorHandle,
  drs: DrsClient,
  jobID: string,
  stepSeconds = 30,
  maxSteps = 60,
): Promise<Job> {
  for (let step = 0; step < maxSteps; step++) {
    const job = await describeJob(drs, jobID);
    if (job.status === 'COMPLETED') return job;
    simulator.advance(stepSeconds);
  }
  throw new Error(`job ${jobID} did not complete in ${maxSteps} polls`);
}

/** The error a call rejects with (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
