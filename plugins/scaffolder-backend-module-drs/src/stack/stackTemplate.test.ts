import {
  CloudFormationSpec,
  loadCloudFormationSpec,
  resourceSpecProblems,
} from '../__testUtils__/cloudFormationSpec';
import {
  parseStackTemplate,
  StackTemplate,
} from '../__testUtils__/stackTemplateDocument';
import { referenceProblems } from '../__testUtils__/templateReferences';
import { readStackTemplate } from './stackTemplate';

describe('the DRS orchestration stack template', () => {
  let spec: CloudFormationSpec;
  let template: StackTemplate;

  beforeAll(async () => {
    spec = await loadCloudFormationSpec();
    template = parseStackTemplate();
  }, 60_000);

  it('is plain YAML with long-form intrinsics only', () => {
    expect(readStackTemplate()).not.toMatch(
      /^[^#\n]*!(Ref|Sub|GetAtt|If|Not|Equals|Join|Select)\b/m,
    );
    expect(() => parseStackTemplate()).not.toThrow();
  });

  it('fits in a TemplateBody (51,200 bytes), so no S3 bucket is needed', () => {
    expect(Buffer.byteLength(readStackTemplate())).toBeLessThan(51_200);
  });

  it('uses only resource types and properties of the CloudFormation specification, with every required one', () => {
    expect(resourceSpecProblems(spec, template.Resources)).toEqual([]);
  });

  it('checks what it claims: a misspelt, a missing required and an unknown property are reported', () => {
    const broken = {
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { Enabled: true },
        },
      },
      Thing: { Type: 'AWS::Nothing::Here' },
    };

    expect(resourceSpecProblems(spec, broken)).toEqual([
      'Table: required property KeySchema is missing',
      'Table.PointInTimeRecoverySpecification.Enabled: no such property',
      'Thing: unknown resource type AWS::Nothing::Here',
    ]);
  });

  it('references only parameters, resources, attributes and conditions that exist', () => {
    expect(referenceProblems(template, spec)).toEqual([]);
  });

  it('checks references as CloudFormation would: unknown names, attributes, unguarded conditional resources', () => {
    const broken: StackTemplate = {
      Parameters: { Env: { Type: 'String' } },
      Conditions: { HasTopic: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic', Condition: 'HasTopic' },
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: { Description: { 'Fn::Sub': '${Env} ${Nope}' } },
        },
        Alarm: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            AlarmActions: [{ Ref: 'Topic' }],
            AlarmDescription: { 'Fn::GetAtt': ['Role', 'Colour'] },
          },
        },
      },
      Outputs: {
        Arn: { Value: { 'Fn::If': ['HasTopic', { Ref: 'Topic' }, 'none'] } },
      },
    };

    expect(referenceProblems(broken, spec)).toEqual([
      'Role.Description: Nope is neither a parameter nor a resource',
      'Alarm.AlarmActions[0]: Topic exists only if HasTopic, but is used unconditionally',
      'Alarm.AlarmDescription: AWS::IAM::Role has no attribute Colour',
    ]);
  });

  it('has the parameters and outputs the deploy action and the docs rely on', () => {
    expect(Object.keys(template.Parameters).sort()).toEqual([
      'AlarmEmail',
      'AutomationAssumeRoleArn',
      'AutomationDocuments',
      'BackstagePrincipalArn',
      'EnvironmentName',
      'MetricsNamespace',
      'TablePrefix',
    ]);
    expect(template.Parameters.AlarmEmail.Default).toBe('');
    expect(Object.keys(template.Outputs)).toEqual(
      expect.arrayContaining([
        'PlansTableName',
        'ExecutionsTableName',
        'BackendRoleArn',
        'DashboardUrl',
      ]),
    );
  });

  it('keeps the tables safe: on-demand, point-in-time recovery, encryption, retained on delete', () => {
    for (const id of ['PlansTable', 'ExecutionsTable']) {
      const table = template.Resources[id];
      expect(table).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: {
            PointInTimeRecoveryEnabled: true,
          },
          SSESpecification: { SSEEnabled: true },
        },
      });
    }
  });

  it('alarms on throttles of each table and on system errors, notifying the optional topic', () => {
    const alarms = Object.values(template.Resources)
      .filter(r => r.Type === 'AWS::CloudWatch::Alarm')
      .map(r => r.Properties!);
    const metricAlarms = alarms.map(
      a => `${a.MetricName}:${JSON.stringify(a.Dimensions)}`,
    );
    for (const table of ['PlansTable', 'ExecutionsTable']) {
      for (const metric of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
        expect(metricAlarms).toContain(
          `${metric}:${JSON.stringify([
            { Name: 'TableName', Value: { Ref: table } },
          ])}`,
        );
      }
    }
    const systemErrorAlarms = alarms.filter(a =>
      JSON.stringify(a.Metrics ?? []).includes('"SystemErrors"'),
    );
    expect(systemErrorAlarms).toHaveLength(2);
    for (const alarm of alarms) {
      expect(alarm.AlarmActions).toEqual({
        'Fn::If': [
          'HasAlarmEmail',
          [{ Ref: 'AlarmTopic' }],
          { Ref: 'AWS::NoValue' },
        ],
      });
    }
    expect(template.Resources.AlarmEmailSubscription).toMatchObject({
      Condition: 'HasAlarmEmail',
      Properties: { Protocol: 'email', Endpoint: { Ref: 'AlarmEmail' } },
    });
  });

  it("alarms on the engine's own metrics, a missing heartbeat breaching", () => {
    const engineAlarms = Object.fromEntries(
      Object.values(template.Resources)
        .filter(
          r =>
            r.Type === 'AWS::CloudWatch::Alarm' &&
            JSON.stringify(r.Properties!.Namespace) ===
              JSON.stringify({ Ref: 'MetricsNamespace' }),
        )
        .map(r => [
          r.Properties!.MetricName,
          [
            r.Properties!.Statistic,
            r.Properties!.Period,
            r.Properties!.Threshold,
            r.Properties!.ComparisonOperator,
            r.Properties!.TreatMissingData,
          ],
        ]),
    );
    // The names the engine publishes (drs-backend's CLOUDWATCH_METRIC_NAMES).
    expect(engineAlarms).toEqual({
      EngineHeartbeat: ['Sum', 60, 1, 'LessThanThreshold', 'breaching'],
      DrsErrors: [
        'Sum',
        300,
        5,
        'GreaterThanOrEqualToThreshold',
        'notBreaching',
      ],
      DrsThrottles: [
        'Sum',
        60,
        5,
        'GreaterThanOrEqualToThreshold',
        'notBreaching',
      ],
      CycleDurationSeconds: [
        'Maximum',
        60,
        60,
        'GreaterThanThreshold',
        'notBreaching',
      ],
    });
  });

  it('has a dashboard body that is valid JSON once CloudFormation substitutes it', () => {
    const body = template.Resources.Dashboard.Properties!.DashboardBody as {
      'Fn::Sub': string;
    };
    const substituted = body['Fn::Sub'].replace(/\$\{[^}]+\}/g, 'value');

    const dashboard = JSON.parse(substituted);

    expect(dashboard.widgets.length).toBeGreaterThan(3);
    const engineMetrics = JSON.stringify(
      dashboard.widgets.map(
        (w: { properties: { metrics?: unknown } }) => w.properties.metrics,
      ),
    );
    for (const name of [
      'EngineHeartbeat',
      'ActiveExecutions',
      'CycleDurationSeconds',
      'DrsErrors',
      'DrsThrottles',
    ]) {
      expect(engineMetrics).toContain(`"${name}"`);
    }
  });
});
