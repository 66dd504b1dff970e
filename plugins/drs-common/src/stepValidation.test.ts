import { formatIssuePath } from './planIssues';
import { PlanStep } from './stepTypes';
import { PlanWave, RecoveryPlanInput } from './types';
import { recoveryPlanInputSchema, validatePlanStructure } from './validation';

const serverId = (n: number) => `s-${String(n).padStart(17, '0')}`;

/** What the schema says of a plan of one wave with these fields, as `path: message`. */
function schemaIssues(waveFields: object, planFields: object = {}): string[] {
  const result = recoveryPlanInputSchema.safeParse({
    name: 'Checkout',
    waves: [{ name: 'db', sourceServerIds: [serverId(1)], ...waveFields }],
    ...planFields,
  });
  return result.success
    ? []
    : result.error.issues.map(
        issue => `${formatIssuePath(issue.path)}: ${issue.message}`,
      );
}

function planWith(
  waveFields: Partial<PlanWave>,
  serverCount = 1,
): RecoveryPlanInput {
  return {
    name: 'Checkout',
    description: '',
    defaultMode: 'DRILL',
    timeoutMinutes: 60,
    waves: [
      {
        name: 'db',
        sourceServerIds: Array.from({ length: serverCount }, (_, i) =>
          serverId(i),
        ),
        waitFor: 'LAUNCHED',
        pauseBefore: false,
        dependsOn: [],
        ...waveFields,
      },
    ],
  };
}

const smoke: PlanStep = {
  type: 'automation',
  name: 'smoke',
  documentName: 'Checkout-Smoke',
};

describe('steps in the plan schema', () => {
  it('accepts every kind of step, and takes a single parameter value as a list of one', () => {
    const parsed = recoveryPlanInputSchema.parse({
      name: 'Checkout',
      drillCleanup: { keepAliveSeconds: 7200 },
      waves: [
        {
          name: 'db',
          sourceServerIds: [serverId(1)],
          waitFor: 'HEALTHY',
          healthTimeoutSeconds: 900,
          before: [
            {
              type: 'automation',
              name: 'stop replication',
              documentName:
                'arn:aws:ssm:eu-west-1:111122223333:document/Checkout-Stop',
              documentVersion: '$DEFAULT',
              parameters: { Mode: 'drill', Tables: ['a', 'b'] },
              timeoutSeconds: 600,
              onFailure: 'continue',
            },
            { type: 'approval', name: 'go' },
          ],
          after: [
            { type: 'wait', name: 'settle', seconds: 60 },
            { ...smoke, instanceIdsParameter: 'InstanceIds' },
          ],
        },
      ],
    });
    expect(parsed.drillCleanup).toEqual({ keepAliveSeconds: 7200 });
    expect(parsed.waves[0].before?.[0]).toMatchObject({
      parameters: { Mode: ['drill'], Tables: ['a', 'b'] },
    });
    expect(validatePlanStructure(parsed)).toEqual([]);
  });

  it('keeps a stored plan without steps, health timeout or cleanup as it was', () => {
    const parsed = recoveryPlanInputSchema.parse({
      name: 'Checkout',
      waves: [{ name: 'db', sourceServerIds: [serverId(1)] }],
    });
    expect(parsed.waves[0]).toEqual({
      name: 'db',
      sourceServerIds: [serverId(1)],
      waitFor: 'LAUNCHED',
      pauseBefore: false,
      dependsOn: [],
    });
    expect(parsed.drillCleanup).toBeUndefined();
  });

  it.each([
    [
      { after: [{ type: 'script', name: 'x' }] },
      'waves[0].after[0].type: A step is of type automation, approval or wait',
    ],
    [
      { before: [{ type: 'automation', name: 'x' }] },
      'waves[0].before[0].documentName: An automation step names the SSM document to run',
    ],
    [
      { after: [{ ...smoke, documentName: 'my doc!' }] },
      'waves[0].after[0].documentName: SSM document names are 3 to 128 letters, digits and _ - . (an ARN may add : and /)',
    ],
    [
      { after: [{ ...smoke, documentVersion: 'latest' }] },
      'waves[0].after[0].documentVersion: SSM document versions are $DEFAULT, $LATEST or a version number such as 3',
    ],
    [
      { after: [{ ...smoke, documentVersion: '0' }] },
      'waves[0].after[0].documentVersion: SSM document versions are $DEFAULT, $LATEST or a version number such as 3',
    ],
    [
      { after: [{ ...smoke, parameters: { Count: 3 } }] },
      'waves[0].after[0].parameters.Count: Parameter values are strings or lists of strings',
    ],
    [
      { after: [{ ...smoke, parameters: { Ids: ['a', 7] } }] },
      'waves[0].after[0].parameters.Ids[1]: Parameter values are strings or lists of strings',
    ],
    [
      { after: [{ ...smoke, parameters: { Ids: [''] } }] },
      'waves[0].after[0].parameters.Ids[0]: SSM refuses empty parameter values',
    ],
    [
      { after: [{ ...smoke, parameters: { ['p'.repeat(51)]: ['a'] } }] },
      `waves[0].after[0].parameters.${'p'.repeat(
        51,
      )}: SSM parameter names are at most 50 characters`,
    ],
    [
      { after: [{ ...smoke, parameters: { Ids: Array(51).fill('a') } }] },
      'waves[0].after[0].parameters.Ids: SSM takes at most 50 values per parameter',
    ],
    [
      { after: [{ ...smoke, parameters: { Ids: ['v'.repeat(513)] } }] },
      'waves[0].after[0].parameters.Ids[0]: SSM parameter values are at most 512 characters',
    ],
    [
      {
        after: [
          {
            ...smoke,
            parameters: Object.fromEntries(
              Array.from({ length: 201 }, (_, i) => [`P${i}`, ['a']]),
            ),
          },
        ],
      },
      'waves[0].after[0].parameters: SSM takes at most 200 parameters',
    ],
    [
      { after: [{ ...smoke, timeoutSeconds: -5 }] },
      'waves[0].after[0].timeoutSeconds: A step timeout is at least 10 seconds',
    ],
    [
      { after: [{ ...smoke, timeoutSeconds: 604801 }] },
      'waves[0].after[0].timeoutSeconds: A step timeout is at most 604800 seconds',
    ],
    [
      { after: [{ ...smoke, timeoutSeconds: 20.5 }] },
      'waves[0].after[0].timeoutSeconds: A step timeout is a whole number of seconds',
    ],
    [
      { after: [{ ...smoke, onFailure: 'ignore' }] },
      'waves[0].after[0].onFailure: onFailure is fail or continue',
    ],
    [
      { after: [{ type: 'wait', name: 'w', seconds: 86401 }] },
      'waves[0].after[0].seconds: A wait is at most 86400 seconds',
    ],
    [
      { after: [{ type: 'approval', name: ' ' }] },
      'waves[0].after[0].name: Give the step a name',
    ],
    [
      { after: [{ type: 'approval', name: 'go', colour: 'red' }] },
      "waves[0].after[0]: Unrecognized key(s) in object: 'colour'",
    ],
    [
      { healthTimeoutSeconds: 30 },
      'waves[0].healthTimeoutSeconds: The health timeout is at least 60 seconds',
    ],
  ])('refuses %j: %s', (waveFields, message) => {
    expect(schemaIssues(waveFields)).toEqual([message]);
  });

  it('bounds the keep-alive of a drill cleanup', () => {
    expect(
      schemaIssues({}, { drillCleanup: { keepAliveSeconds: -1 } }),
    ).toEqual([
      'drillCleanup.keepAliveSeconds: The keep-alive is at least 0 seconds',
    ]);
    expect(
      schemaIssues({}, { drillCleanup: { keepAliveSeconds: 604801 } }),
    ).toEqual([
      'drillCleanup.keepAliveSeconds: The keep-alive is at most 604800 seconds',
    ]);
  });
});

describe('rules across the steps of a wave', () => {
  const errors = (waveFields: Partial<PlanWave>, serverCount = 1) =>
    validatePlanStructure(planWith(waveFields, serverCount)).map(
      issue => `${issue.severity} ${issue.path}: ${issue.message}`,
    );

  it('refuses a step name used twice in a wave, before and after alike', () => {
    expect(
      errors({
        before: [{ type: 'approval', name: 'go' }],
        after: [{ type: 'wait', name: 'go', seconds: 5 }],
      }),
    ).toEqual([
      'error waves[0].after[0].name: Step name "go" is already used by before step 1 of wave "db"',
    ]);
  });

  it('refuses more steps than a wave may have', () => {
    const steps = (prefix: string, count: number): PlanStep[] =>
      Array.from({ length: count }, (_, i) => ({
        type: 'wait',
        name: `${prefix}${i}`,
        seconds: 5,
      }));
    expect(errors({ before: steps('b', 6), after: steps('a', 5) })).toEqual([
      'error waves[0].after: Wave "db" has 11 steps; a wave has at most 10 (before and after together)',
    ]);
    expect(errors({ before: steps('b', 11) })).toEqual([
      'error waves[0].before: Wave "db" has 11 steps; a wave has at most 10 (before and after together)',
    ]);
  });

  it('refuses a wait longer than its timeout', () => {
    expect(
      errors({
        after: [{ type: 'wait', name: 'w', seconds: 600, timeoutSeconds: 300 }],
      }),
    ).toEqual([
      'error waves[0].after[0].timeoutSeconds: The wait lasts 600 s, longer than its 300 s timeout; raise the timeout or shorten the wait',
    ]);
  });

  it('refuses instance IDs where there are none or where SSM cannot take them', () => {
    const receiving = { ...smoke, instanceIdsParameter: 'InstanceIds' };
    expect(errors({ before: [receiving] })).toEqual([
      'error waves[0].before[0].instanceIdsParameter: Before steps run before the wave launches, so there are no instance IDs yet; only after steps can receive them',
    ]);
    expect(
      errors({
        after: [{ ...receiving, parameters: { InstanceIds: ['i-1'] } }],
      }),
    ).toEqual([
      'error waves[0].after[0].instanceIdsParameter: Parameter "InstanceIds" is also set in parameters; the wave\'s instance IDs would replace it',
    ]);
    expect(errors({ after: [receiving] }, 51)).toEqual([
      'error waves[0].after[0].instanceIdsParameter: SSM takes at most 50 values per parameter, and wave "db" has 51 servers',
    ]);
  });

  it('warns that a health timeout does nothing for a wave that waits for LAUNCHED', () => {
    expect(errors({ healthTimeoutSeconds: 600 })).toEqual([
      'warning waves[0].healthTimeoutSeconds: Wave "db" waits for LAUNCHED: a health timeout applies only to a wave that waits for HEALTHY',
    ]);
    expect(errors({ healthTimeoutSeconds: 600, waitFor: 'HEALTHY' })).toEqual(
      [],
    );
  });
});
