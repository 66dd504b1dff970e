import { planWave, savedPlan } from './__testUtils__/plans';
import { DB_1, sourceServer } from './__testUtils__/servers';
import { at, makeExecution } from './engine/__testUtils__/fixtures';
import { Execution } from './executionTypes';
import { newExecution } from './executions';
import { executionReport } from './report';
import { executionReportMarkdown } from './reportMarkdown';

const RTO = { seconds: 3600, iso: 'PT1H', source: 'plan' as const };
const RPO = { seconds: 300, iso: 'PT5M', source: 'entity' as const };

/** A drill of one server that ran `seconds` and lost `lossSeconds` of data. */
function drill(
  seconds: number,
  lossSeconds: number,
  overrides: Partial<Execution> = {},
): Execution {
  const execution = makeExecution([{ name: 'db', servers: [DB_1] }], {
    status: 'COMPLETED',
    startedAt: at(0).toISOString(),
    endedAt: at(seconds).toISOString(),
    objectives: { rto: RTO, rpo: RPO },
    ...overrides,
  });
  Object.assign(execution.waves[0].servers[0], {
    status: 'LAUNCHED',
    launchStatus: 'LAUNCHED',
    dataLossSeconds: lossSeconds,
  });
  return execution;
}

describe('objectives in the execution report', () => {
  it('newExecution records the objectives in force, and nothing when none is stated', () => {
    const options = {
      executionId: 'e',
      plan: savedPlan([planWave('db', [DB_1])]),
      mode: 'DRILL' as const,
      initiatedBy: 'user:default/ana',
      region: 'eu-west-1',
      servers: [sourceServer()],
      now: at(0),
    };
    expect(
      newExecution({ ...options, objectives: { rto: RTO } }).objectives,
    ).toEqual({ rto: RTO });
    expect(newExecution({ ...options, objectives: {} })).not.toHaveProperty(
      'objectives',
    );
    expect(newExecution(options)).not.toHaveProperty('objectives');
  });

  it.each([
    [1800, 60, 'met', 'met'],
    [3000, 290, 'at-risk', 'at-risk'],
    [4000, 400, 'breached', 'breached'],
  ] as const)(
    'a drill of %d s losing %d s: RTO %s, RPO %s',
    (seconds, loss, rtoStatus, rpoStatus) => {
      const report = executionReport(drill(seconds, loss));
      expect(report.objectives).toEqual({
        rto: {
          objective: 'PT1H',
          objectiveSeconds: 3600,
          source: 'plan',
          measuredSeconds: seconds,
          status: rtoStatus,
        },
        rpo: {
          objective: 'PT5M',
          objectiveSeconds: 300,
          source: 'entity',
          measuredSeconds: loss,
          status: rpoStatus,
        },
      });
    },
  );

  it('a drill that did not complete measured no recovery time against the RTO', () => {
    const report = executionReport(drill(900, 60, { status: 'FAILED' }));
    expect(report.objectives?.rto).toMatchObject({
      status: 'not-measured',
      measuredSeconds: undefined,
    });
    expect(report.objectives?.rpo?.status).toBe('met');
  });

  it('states each objective beside the measurement in Markdown', () => {
    const lines = executionReportMarkdown(
      executionReport(drill(1800, 60)),
    ).split('\n');
    expect(lines).toContain(
      "- Measured recovery time: 1800 s (the plan's RTO PT1H = 3600 s: met)",
    );
    expect(lines).toContain(
      "- Worst data loss (achieved recovery point): 60 s (the entity's RPO PT5M = 300 s: met)",
    );
  });

  it('an execution without objectives reports none, and its Markdown is as before', () => {
    const report = executionReport(drill(1800, 60, { objectives: undefined }));
    expect(report).not.toHaveProperty('objectives');
    expect(executionReportMarkdown(report)).toContain(
      '- Measured recovery time: 1800 s\n',
    );
  });
});
