import { errorStatus, loadServiceModel } from './model';
import { validateShape } from './shapeValidation';
import { SSM_OPERATIONS } from './ssm/operations';
import {
  expectModeledRequest,
  RawResponse,
  rawSsmCall,
  STRICT,
  useTestSimulator,
} from './__testUtils__/harness';

const model = loadServiceModel('ssm');
const TOKEN = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

function expectMatchesError(
  operation: string,
  errorType: string,
  response: RawResponse,
) {
  const { __type, ...members } = response.json;
  expect({ operation, __type }).toEqual({ operation, __type: errorType });
  expect(model.operations[operation].errors!.map(e => e.shape)).toContain(
    errorType,
  );
  expect(response.status).toBe(errorStatus(model.shapes[errorType]));
  expect(validateShape(model, errorType, members, STRICT)).toEqual([]);
}

/**
 * Every SSM request the test sends, and every answer, fetched raw (no SDK in between), must
 * match SSM's model (model/ssm-service-model.json): member names, types, required members,
 * enums, lengths, patterns; modeled errors their shape and status.
 */
describe('raw SSM requests and answers match the SSM service model', () => {
  const world = useTestSimulator();
  const called = new Set<string>();

  /** Sends a request the model accepts, and checks the answer against the model. */
  async function call(operation: string, input: Record<string, unknown>) {
    const { outputShape } = expectModeledRequest(model, operation, input);
    called.add(operation);
    const response = await rawSsmCall(world.simulator, operation, input);
    expect({ operation, status: response.status }).toEqual({
      operation,
      status: 200,
    });
    expect(response.headers.get('content-type')).toBe(
      'application/x-amz-json-1.1',
    );
    expect(validateShape(model, outputShape, response.json, STRICT)).toEqual(
      [],
    );
    return response.json;
  }

  const get = (id: string) =>
    call('GetAutomationExecution', { AutomationExecutionId: id });

  it('for every operation served, through every status a run can reach', async () => {
    const { simulator } = world;
    simulator.setFaults({
      automationFaults: {
        'AWS-StartEC2Instance': 'fail',
        'AWS-StopEC2Instance': 'timeout',
        'Checkout-SmokeTest': 'hang',
      },
    });
    const start = async (input: Record<string, unknown>) =>
      (await call('StartAutomationExecution', input)).AutomationExecutionId;
    const runs = [
      await start({
        DocumentName: 'Checkout-DrainTraffic',
        DocumentVersion: '$DEFAULT',
        Parameters: { TargetGroup: ['tg-web'], Note: ['first wave'] },
        ClientToken: TOKEN,
        Mode: 'Auto',
        Tags: [{ Key: 'Plan', Value: 'checkout' }],
      }),
      await start({
        DocumentName: 'AWS-StartEC2Instance',
        Parameters: { InstanceId: ['i-0123456789abcdef0'] },
      }),
      await start({
        DocumentName: 'AWS-StopEC2Instance',
        Parameters: { InstanceId: ['i-0123456789abcdef0'] },
      }),
      await start({ DocumentName: 'Checkout-SmokeTest' }),
      await start({
        DocumentName: 'AWS-RestartEC2Instance',
        Parameters: { InstanceId: ['i-0123456789abcdef0'] },
      }),
    ];
    const seen = new Set<string>();
    const look = async () => {
      for (const id of runs) {
        seen.add((await get(id)).AutomationExecution.AutomationExecutionStatus);
      }
    };
    await look(); // Pending
    simulator.advance(30);
    await look(); // InProgress
    await call('StopAutomationExecution', {
      AutomationExecutionId: runs[4],
      Type: 'Cancel',
    });
    await look(); // Cancelling
    simulator.advance(600);
    await look(); // Success, Failed, TimedOut, Cancelled; one hangs InProgress
    await call('StopAutomationExecution', { AutomationExecutionId: runs[3] });
    await look();

    expect([...seen].sort()).toEqual([
      'Cancelled',
      'Cancelling',
      'Failed',
      'InProgress',
      'Pending',
      'Success',
      'TimedOut',
    ]);
    expect([...called].sort()).toEqual(Object.keys(SSM_OPERATIONS).sort());
  });

  it('for every modeled error the simulator answers', async () => {
    const { simulator } = world;
    const expectRefused = async (
      operation: string,
      input: unknown,
      errorType: string,
    ) =>
      expectMatchesError(
        operation,
        errorType,
        await rawSsmCall(simulator, operation, input),
      );
    const drain = {
      DocumentName: 'Checkout-DrainTraffic',
      Parameters: { TargetGroup: ['tg-web'] },
      ClientToken: TOKEN,
    };
    const { AutomationExecutionId } = (
      await rawSsmCall(simulator, 'StartAutomationExecution', drain)
    ).json;

    const start = 'StartAutomationExecution';
    await expectRefused(
      start,
      { DocumentName: 'Checkout-Nope' },
      'AutomationDefinitionNotFoundException',
    );
    await expectRefused(
      start,
      { DocumentName: 'Checkout-SmokeTest', DocumentVersion: '7' },
      'AutomationDefinitionVersionNotFoundException',
    );
    await expectRefused(
      start,
      { DocumentName: 'Checkout-DrainTraffic' },
      'InvalidAutomationExecutionParametersException',
    );
    await expectRefused(
      start,
      { ...drain, Parameters: { TargetGroup: ['tg-api'] } },
      'IdempotentParameterMismatch',
    );
    const unknownId = { AutomationExecutionId: TOKEN };
    await expectRefused(
      'GetAutomationExecution',
      unknownId,
      'AutomationExecutionNotFoundException',
    );
    await expectRefused(
      'StopAutomationExecution',
      unknownId,
      'AutomationExecutionNotFoundException',
    );
    simulator.advance(600);
    await expectRefused(
      'StopAutomationExecution',
      { AutomationExecutionId },
      'InvalidAutomationStatusUpdateException',
    );
    simulator.setFaults({ internalErrorShare: 1 });
    await expectRefused(
      'GetAutomationExecution',
      { AutomationExecutionId },
      'InternalServerError',
    );
    // Refused starts start nothing.
    expect(simulator.state().accounts[0].automations).toHaveLength(1);
  });

  it('for the errors AWS’s front door answers, which SSM does not model', async () => {
    const { simulator } = world;
    simulator.setFaults({ throttleShare: 1 });
    const throttled = await rawSsmCall(simulator, 'GetAutomationExecution', {
      AutomationExecutionId: TOKEN,
    });
    expect(model.shapes.ThrottlingException).toBeUndefined();
    expect([throttled.status, throttled.json]).toEqual([
      400,
      { __type: 'ThrottlingException', message: 'Rate exceeded' },
    ]);
    simulator.setFaults({ throttleShare: 0 });
    const invalid = await rawSsmCall(simulator, 'GetAutomationExecution', {
      AutomationExecutionId: 'short',
    });
    expect([invalid.status, invalid.json.__type]).toEqual([
      400,
      'ValidationException',
    ]);
    expect(invalid.json.message).toBe(
      "1 validation error detected: Value at 'AutomationExecutionId' must have at least 36 characters",
    );
  });
});
