import {
  AutomationDefinitionNotFoundException,
  AutomationDefinitionVersionNotFoundException,
  AutomationExecution,
  AutomationExecutionNotFoundException,
  GetAutomationExecutionCommand,
  IdempotentParameterMismatch,
  InternalServerError,
  InvalidAutomationExecutionParametersException,
  InvalidAutomationStatusUpdateException,
  SSMClient,
  StartAutomationExecutionCommand,
  StartAutomationExecutionCommandInput,
  StopAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import {
  ACCOUNT,
  control,
  rawSsmCall,
  rejectionOf,
  ssmClient,
  START_TIME,
  useTestSimulator,
} from './__testUtils__/harness';

const TOKEN = '6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b';
const DRAIN = {
  DocumentName: 'Checkout-DrainTraffic',
  Parameters: { TargetGroup: ['tg-web', 'tg-api'] },
};
const at = (seconds: number) =>
  new Date(Date.parse(START_TIME) + seconds * 1000);

describe('SSM Automation through the real SSMClient', () => {
  const world = useTestSimulator();
  let ssm: SSMClient;
  beforeEach(() => {
    ssm = ssmClient(world.simulator);
  });

  async function start(input: StartAutomationExecutionCommandInput) {
    const { AutomationExecutionId } = await ssm.send(
      new StartAutomationExecutionCommand(input),
    );
    return AutomationExecutionId!;
  }

  async function execution(id: string): Promise<AutomationExecution> {
    const { AutomationExecution: found } = await ssm.send(
      new GetAutomationExecutionCommand({ AutomationExecutionId: id }),
    );
    return found!;
  }

  const stop = (id: string) =>
    ssm.send(new StopAutomationExecutionCommand({ AutomationExecutionId: id }));

  describe('starts exactly once per ClientToken', () => {
    it('gives a retry with the same token and request the same execution', async () => {
      const first = await start({ ...DRAIN, ClientToken: TOKEN });
      world.simulator.advance(10);
      const again = await start({ ...DRAIN, ClientToken: TOKEN });
      // Tokens are case-insensitive.
      const shouted = await start({
        ...DRAIN,
        ClientToken: TOKEN.toUpperCase(),
      });
      expect([again, shouted]).toEqual([first, first]);
      expect(first).toMatch(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);

      const calls = world.simulator.calls();
      expect(calls.byOperation.StartAutomationExecution).toBe(3);
      expect(calls.startAutomationByClientToken).toEqual({ [TOKEN]: 3 });
      expect(calls.automationsByClientToken).toEqual({ [TOKEN]: 1 });
      expect(calls.automationsByDocument).toEqual({
        'Checkout-DrainTraffic': 1,
      });
      const [account] = world.simulator.state().accounts;
      expect(account.automations).toEqual([
        expect.objectContaining({
          automationExecutionId: first,
          clientToken: TOKEN,
          status: 'InProgress',
        }),
      ]);
    });

    it('refuses the same token with another request', async () => {
      await start({ ...DRAIN, ClientToken: TOKEN });
      const error = await rejectionOf(
        start({
          ...DRAIN,
          Parameters: { TargetGroup: ['tg-other'] },
          ClientToken: TOKEN,
        }),
      );
      expect(error).toBeInstanceOf(IdempotentParameterMismatch);
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(
        await rejectionOf(
          start({ DocumentName: 'Checkout-SmokeTest', ClientToken: TOKEN }),
        ),
      ).toBeInstanceOf(IdempotentParameterMismatch);
      expect(world.simulator.calls().automationsByClientToken).toEqual({
        [TOKEN]: 1,
      });
      // Without a token every call starts a run.
      expect(await start(DRAIN)).not.toEqual(await start(DRAIN));
      expect(world.simulator.calls().automationsByDocument).toEqual({
        'Checkout-DrainTraffic': 3,
      });
    });

    it('finds the run of a start answered 500 after it began by retrying its token', async () => {
      world.simulator.setFaults({ internalErrorAfterCommitShare: 1 });
      const error = await rejectionOf(start({ ...DRAIN, ClientToken: TOKEN }));
      expect(error).toBeInstanceOf(InternalServerError);
      world.simulator.setFaults({ internalErrorAfterCommitShare: 0 });
      const id = await start({ ...DRAIN, ClientToken: TOKEN });
      const [account] = world.simulator.state().accounts;
      expect(account.automations.map(a => a.automationExecutionId)).toEqual([
        id,
      ]);
      expect(world.simulator.calls().automationsByClientToken).toEqual({
        [TOKEN]: 1,
      });
    });
  });

  it('runs Pending, InProgress, then Success with outputs from its parameters', async () => {
    const id = await start(DRAIN);
    expect(await execution(id)).toMatchObject({
      AutomationExecutionStatus: 'Pending',
      DocumentName: 'Checkout-DrainTraffic',
      DocumentVersion: '1',
      ExecutionStartTime: at(0),
      Mode: 'Auto',
      // The declared default fills in; a parameter with no default stays out.
      Parameters: { TargetGroup: ['tg-web', 'tg-api'], Environment: ['drill'] },
    });
    world.simulator.advance(2);
    const running = await execution(id);
    expect(running).toMatchObject({
      AutomationExecutionStatus: 'InProgress',
      CurrentStepName: 'main',
      StepExecutions: [{ StepStatus: 'InProgress', ExecutionStartTime: at(2) }],
    });
    expect(running.Outputs).toBeUndefined();
    world.simulator.advance(59);
    expect((await execution(id)).AutomationExecutionStatus).toBe('InProgress');
    world.simulator.advance(1);
    const done = await execution(id);
    expect(done).toMatchObject({
      AutomationExecutionStatus: 'Success',
      ExecutionEndTime: at(62),
      Outputs: {
        'Drain.TargetGroups': ['tg-web', 'tg-api'],
        'Drain.Summary': ['drained tg-web,tg-api in drill'],
        'Drain.Note': ['note: '],
      },
      StepExecutions: [{ StepStatus: 'Success', ExecutionEndTime: at(62) }],
    });
    expect(done.CurrentStepName).toBeUndefined();
    expect(done.FailureMessage).toBeUndefined();
  });

  it('ends Failed with the document’s FailureMessage when a fault fails it', async () => {
    world.simulator.setFaults({
      automationFaults: {
        'Checkout-SmokeTest': 'fail',
        'AWS-StopEC2Instance': 'fail',
      },
    });
    const smoke = await start({ DocumentName: 'Checkout-SmokeTest' });
    const stopEc2 = await start({
      DocumentName: 'AWS-StopEC2Instance',
      Parameters: { InstanceId: ['i-0123456789abcdef0'] },
    });
    world.simulator.advance(32);
    expect(await execution(smoke)).toMatchObject({
      AutomationExecutionStatus: 'Failed',
      FailureMessage: 'Smoke test: 2 of 5 checks failed',
      ExecutionEndTime: at(32),
      StepExecutions: [
        {
          StepStatus: 'Failed',
          FailureMessage: 'Smoke test: 2 of 5 checks failed',
        },
      ],
    });
    world.simulator.advance(30);
    expect(await execution(stopEc2)).toMatchObject({
      AutomationExecutionStatus: 'Failed',
      FailureMessage: expect.stringContaining('AWS-StopEC2Instance failed'),
    });
  });

  it('times out after the document’s timeout when a fault says so', async () => {
    world.simulator.setFaults({
      automationFaults: { 'Checkout-SmokeTest': 'timeout' },
    });
    const id = await start({ DocumentName: 'Checkout-SmokeTest' });
    world.simulator.advance(2 + 299);
    expect((await execution(id)).AutomationExecutionStatus).toBe('InProgress');
    world.simulator.advance(1);
    expect(await execution(id)).toMatchObject({
      AutomationExecutionStatus: 'TimedOut',
      FailureMessage: expect.stringContaining('timed out after 300 seconds'),
      ExecutionEndTime: at(302),
    });
  });

  it('hangs in progress until stopped: Cancelling, then Cancelled', async () => {
    world.simulator.setFaults({
      automationFaults: { 'Checkout-DrainTraffic': 'hang' },
    });
    const id = await start(DRAIN);
    world.simulator.advance(24 * 3600);
    expect((await execution(id)).AutomationExecutionStatus).toBe('InProgress');
    await stop(id);
    expect((await execution(id)).AutomationExecutionStatus).toBe('Cancelling');
    world.simulator.advance(2);
    await stop(id); // still Cancelling: nothing changes
    world.simulator.advance(3);
    expect(await execution(id)).toMatchObject({
      AutomationExecutionStatus: 'Cancelled',
      ExecutionEndTime: at(24 * 3600 + 5),
      StepExecutions: [{ StepStatus: 'Cancelled' }],
    });
    const error = await rejectionOf(stop(id));
    expect(error).toBeInstanceOf(InvalidAutomationStatusUpdateException);
    expect(error.message).toContain('already ended (Cancelled)');
  });

  it('stops a run before it starts its step, and ignores what was scheduled for it', async () => {
    const id = await start({ DocumentName: 'Checkout-SmokeTest' });
    await stop(id);
    world.simulator.advance(60);
    expect(await execution(id)).toMatchObject({
      AutomationExecutionStatus: 'Cancelled',
      ExecutionEndTime: at(5),
    });
  });

  it('decides a run’s outcome when it starts', async () => {
    const id = await start({ DocumentName: 'Checkout-SmokeTest' });
    world.simulator.setFaults({
      automationFaults: { 'Checkout-SmokeTest': 'hang' },
    });
    world.simulator.advance(32);
    expect((await execution(id)).AutomationExecutionStatus).toBe('Success');
  });

  it('knows documents by name, ARN and version; refuses the rest', async () => {
    const byArn = await start({
      DocumentName: `arn:aws:ssm:us-east-1:${ACCOUNT}:document/Checkout-SmokeTest`,
      DocumentVersion: '$LATEST',
    });
    expect((await execution(byArn)).DocumentName).toBe('Checkout-SmokeTest');
    await start({ DocumentName: 'Checkout-SmokeTest', DocumentVersion: '1' });

    const unknown = await rejectionOf(start({ DocumentName: 'Checkout-Nope' }));
    expect(unknown).toBeInstanceOf(AutomationDefinitionNotFoundException);
    expect(unknown.message).toBe(
      'Automation document Checkout-Nope was not found',
    );
    expect(
      await rejectionOf(
        start({ DocumentName: 'Checkout-SmokeTest', DocumentVersion: '2' }),
      ),
    ).toBeInstanceOf(AutomationDefinitionVersionNotFoundException);
  });

  it('checks parameters against those the document declares', async () => {
    const error = await rejectionOf(
      start({
        DocumentName: 'Checkout-DrainTraffic',
        Parameters: { Region: ['eu-west-1'] },
      }),
    );
    expect(error).toBeInstanceOf(InvalidAutomationExecutionParametersException);
    expect(error.message).toBe(
      'Parameters not declared by Checkout-DrainTraffic: Region. Required parameters missing: TargetGroup',
    );
    expect(
      (
        await rejectionOf(
          start({
            DocumentName: 'AWS-RestartEC2Instance',
            Parameters: { AutomationAssumeRole: ['arn:aws:iam::1:role/r'] },
          }),
        )
      ).message,
    ).toBe('Required parameters missing: InstanceId');
    // A document that declares none takes any.
    const id = await start({
      DocumentName: 'Checkout-SmokeTest',
      Parameters: { Anything: ['goes'] },
    });
    expect((await execution(id)).Parameters).toEqual({ Anything: ['goes'] });
  });

  it('refuses what the model forbids, and what the simulator does not simulate', async () => {
    const badToken = await rejectionOf(
      start({ ...DRAIN, ClientToken: 'not-a-uuid' }),
    );
    expect(badToken.name).toBe('ValidationException');
    expect(badToken.message).toContain("Value at 'ClientToken'");
    const targets = await rejectionOf(
      start({
        ...DRAIN,
        Targets: [{ Key: 'tag:Tier', Values: ['web'] }],
        Mode: 'Interactive',
      }),
    );
    expect(targets.name).toBe('ValidationException');
    expect(targets.message).toContain(
      'does not simulate Targets, Mode Interactive',
    );
    expect(world.simulator.state().accounts[0].automations).toEqual([]);
  });

  it('finds executions only in the account and region that started them', async () => {
    const id = await start(DRAIN);
    const other = ssmClient(world.simulator, { accessKeyId: '444455556666' });
    const error = await rejectionOf(
      other.send(
        new GetAutomationExecutionCommand({ AutomationExecutionId: id }),
      ),
    );
    expect(error).toBeInstanceOf(AutomationExecutionNotFoundException);
    expect(
      await rejectionOf(stop('00000000-0000-0000-0000-000000000000')),
    ).toBeInstanceOf(AutomationExecutionNotFoundException);
    const nowhere = ssmClient(world.simulator, { region: 'eu-west-1' });
    expect(
      (
        await rejectionOf(
          nowhere.send(new StartAutomationExecutionCommand(DRAIN)),
        )
      ).name,
    ).toBe('UnrecognizedClientException');
  });

  it('throttles as SSM does: 400 ThrottlingException, which the SDK retries', async () => {
    world.simulator.setFaults({ throttleShare: 1 });
    const error = await rejectionOf(start(DRAIN));
    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    const retrying = ssmClient(world.simulator, { maxAttempts: 2 });
    const retried = await rejectionOf(
      retrying.send(new StartAutomationExecutionCommand(DRAIN)),
    );
    expect(retried.$metadata.attempts).toBe(2);
    expect(world.simulator.calls().injected.throttled).toBe(3);
  });

  it('answers requests it cannot serve in SSM’s words', async () => {
    const { simulator } = world;
    const unknown = await rawSsmCall(simulator, 'SendCommand', {});
    expect(unknown.status).toBe(400);
    expect(unknown.json.__type).toBe('UnknownOperationException');
    expect(unknown.json.message).toContain(
      'AmazonSSM.StartAutomationExecution',
    );
    const garbled = await rawSsmCall(simulator, 'GetAutomationExecution', '{');
    expect(garbled.json.__type).toBe('SerializationException');
    const unsigned = await rawSsmCall(
      simulator,
      'GetAutomationExecution',
      {},
      {
        authorization: 'none',
      },
    );
    expect(unsigned.status).toBe(403);
    expect(unsigned.json.__type).toBe('MissingAuthenticationTokenException');
  });

  describe('documents defined at run time', () => {
    it('can be started like the inventory’s, and replace those of the same name', async () => {
      const documents = world.simulator.defineAutomationDocuments([
        {
          name: 'Checkout-Warmup',
          durationSeconds: 10,
          outputs: { Ready: 'yes' },
        },
        { name: 'Checkout-SmokeTest', durationSeconds: 1 },
      ]);
      expect(documents.map(d => d.name)).toEqual([
        'AWS-RestartEC2Instance',
        'AWS-StartEC2Instance',
        'AWS-StopEC2Instance',
        'Checkout-DrainTraffic',
        'Checkout-SmokeTest',
        'Checkout-Warmup',
      ]);
      const warmup = await start({ DocumentName: 'Checkout-Warmup' });
      const smoke = await start({ DocumentName: 'Checkout-SmokeTest' });
      world.simulator.advance(3);
      expect((await execution(smoke)).AutomationExecutionStatus).toBe(
        'Success',
      );
      world.simulator.advance(9);
      expect((await execution(warmup)).Outputs).toEqual({ Ready: ['yes'] });
      expect(world.simulator.state().automationDocuments).toContain(
        'Checkout-Warmup',
      );
    });

    it('through the control API, which refuses malformed or reserved ones', async () => {
      const { simulator } = world;
      const defined = await control(simulator, 'POST', 'ssm/documents', {
        documents: [{ name: 'Payments-Failover', outcome: 'hang' }],
      });
      expect(defined.status).toBe(200);
      expect(defined.json.documents).toContainEqual({
        name: 'Payments-Failover',
        outputs: {},
        durationSeconds: 60,
        timeoutSeconds: 600,
        outcome: 'hang',
      });
      const listed = await control(simulator, 'GET', 'ssm/documents');
      expect(listed.json.documents).toHaveLength(6);
      for (const [documents, message] of [
        [[{ name: 'AWS-Mine' }], 'reserved for AWS'],
        [[{ name: 'x' }], 'documents[0].name must be 3 to 128'],
        [[{ name: 'Good-One', outcome: 'maybe' }], 'outcome must be one of'],
        [{ name: 'Good-One' }, 'documents must be a list'],
      ] as const) {
        const refused = await control(simulator, 'POST', 'ssm/documents', {
          documents,
        });
        expect(refused.status).toBe(400);
        expect(refused.json.message).toContain(message);
      }
    });
  });
});

describe('SSM Automation at speed 20', () => {
  const fast = useTestSimulator({ speed: 20 });

  it('runs every part 20 times faster', async () => {
    const ssm = ssmClient(fast.simulator);
    const { AutomationExecutionId } = await ssm.send(
      new StartAutomationExecutionCommand(DRAIN),
    );
    const status = async () =>
      (
        await ssm.send(
          new GetAutomationExecutionCommand({ AutomationExecutionId }),
        )
      ).AutomationExecution!.AutomationExecutionStatus;
    fast.simulator.advance((2 + 60) / 20 - 0.1);
    expect(await status()).toBe('InProgress');
    fast.simulator.advance(0.1);
    expect(await status()).toBe('Success');
  });
});
