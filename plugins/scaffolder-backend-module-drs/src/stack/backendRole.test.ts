import {
  awsCallsInSource,
  awsCallsInTree,
  DRS_BACKEND_SOURCE,
} from '../__testUtils__/awsCallScanner';
import {
  parseStackTemplate,
  StackTemplate,
} from '../__testUtils__/stackTemplateDocument';

/**
 * Calls the backend only makes against a local DynamoDB: ensureTables creates missing tables
 * when drs.dynamodb.createTables is set (local use). In AWS the stack creates the tables, so
 * the role must not be able to.
 */
const LOCAL_ONLY_CALLS = ['dynamodb:CreateTable'];

/** Permission-only actions AWS checks on the caller of a call, besides the call's own action. */
const DEPENDENT_PERMISSIONS: Record<string, string[]> = {
  'drs:StartRecovery': ['drs:CreateRecoveryInstanceForDrs'],
  // The engine tags each automation it starts.
  'ssm:StartAutomationExecution': ['ssm:AddTagsToResource'],
};

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  NotAction?: unknown;
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
  Principal?: unknown;
}

const list = (value: string | string[]) =>
  Array.isArray(value) ? value : [value];

function policyStatements(
  template: StackTemplate,
  id: string,
  document: string,
): Statement[] {
  const properties = template.Resources[id].Properties as Record<
    string,
    { Statement: Statement[] }
  >;
  return properties[document].Statement.flatMap(whenGranted);
}

/** A statement under Fn::If is granted in one branch; AWS::NoValue grants nothing. */
function whenGranted(statement: unknown): Statement[] {
  const conditional = (statement as { 'Fn::If'?: unknown[] })['Fn::If'];
  if (!conditional) return [statement as Statement];
  return conditional
    .slice(1)
    .filter(branch => (branch as { Ref?: string }).Ref !== 'AWS::NoValue')
    .flatMap(whenGranted);
}

describe("the backend role's permissions", () => {
  const template = parseStackTemplate();
  const statements = policyStatements(
    template,
    'BackendPolicy',
    'PolicyDocument',
  );
  const roleActions = statements.flatMap(s => list(s.Action));

  it('are exactly the DRS, DynamoDB, SSM and CloudWatch calls the backend code sends, and its EC2 calls', () => {
    const needed = awsCallsInTree(DRS_BACKEND_SOURCE).filter(
      action => !LOCAL_ONLY_CALLS.includes(action),
    );
    const expected = new Set([
      ...needed,
      ...needed.flatMap(a => DEPENDENT_PERMISSIONS[a] ?? []),
    ]);
    // EC2 also holds the rights DRS checks on the caller of StartRecovery (tested below).
    const granted = new Set(
      roleActions.filter(
        a =>
          /^(drs|dynamodb|ssm|cloudwatch):/.test(a) ||
          (a.startsWith('ec2:') && expected.has(a)),
      ),
    );

    const missingFromRole = [...expected].filter(a => !granted.has(a)).sort();
    const grantedButUnused = [...granted].filter(a => !expected.has(a)).sort();
    expect({ missingFromRole, grantedButUnused }).toEqual({
      missingFromRole: [],
      grantedButUnused: [],
    });
  });

  it('never grant the local-only CreateTable', () => {
    expect(roleActions).not.toContain('dynamodb:CreateTable');
  });

  it('name every action: no wildcards and no NotAction in any policy of the template', () => {
    const allStatements = [
      ...statements,
      ...policyStatements(template, 'BackendRole', 'AssumeRolePolicyDocument'),
    ];
    for (const statement of allStatements) {
      expect(statement.NotAction).toBeUndefined();
      for (const action of list(statement.Action)) {
        expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
      }
    }
  });

  it('reach DynamoDB only in the two tables and the executions indexes, and scan only the plans', () => {
    const dynamoResources = statements
      .filter(s => list(s.Action).some(a => a.startsWith('dynamodb:')))
      .flatMap(s => s.Resource as unknown[]);
    expect(dynamoResources).toEqual([
      { 'Fn::GetAtt': ['PlansTable', 'Arn'] },
      { 'Fn::GetAtt': ['ExecutionsTable', 'Arn'] },
      { 'Fn::Sub': '${ExecutionsTable.Arn}/index/*' },
      { 'Fn::GetAtt': ['PlansTable', 'Arn'] },
    ]);
    const indexStatement = statements.find(s =>
      JSON.stringify(s.Resource).includes('/index/'),
    );
    expect(indexStatement?.Action).toEqual(['dynamodb:Query']);
    // Scan, the drill scheduler's read, reaches the plans table alone.
    const scans = statements.filter(s =>
      list(s.Action).includes('dynamodb:Scan'),
    );
    expect(scans.map(s => s.Resource)).toEqual([
      [{ 'Fn::GetAtt': ['PlansTable', 'Arn'] }],
    ]);
  });

  it('include the EC2 rights a DRS launch needs and pass roles to DRS and EC2 only', () => {
    expect(roleActions).toEqual(
      expect.arrayContaining([
        'ec2:RunInstances',
        'ec2:CreateVolume',
        'ec2:AttachVolume',
        'ec2:DetachVolume',
        'ec2:DeleteVolume',
        'ec2:CreateTags',
        'ec2:CreateNetworkInterface',
        'ec2:DeleteNetworkInterface',
        'ec2:DescribeInstances',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeLaunchTemplateVersions',
      ]),
    );
    const passRole = statements.find(s =>
      list(s.Action).includes('iam:PassRole'),
    );
    expect(passRole?.Condition).toEqual({
      StringEquals: {
        'iam:PassedToService': ['drs.amazonaws.com', 'ec2.amazonaws.com'],
      },
    });
  });

  it("put metrics only in the engine's namespace", () => {
    const metrics = statements.find(s => s.Sid === 'EngineMetrics');
    expect(metrics).toEqual({
      Sid: 'EngineMetrics',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: {
        StringEquals: { 'cloudwatch:namespace': { Ref: 'MetricsNamespace' } },
      },
    });
  });

  it('start only the runbooks the stack is told about, and pass their role to SSM only', () => {
    const start = statements.find(s => s.Sid === 'AutomationStart');
    expect(start?.Action).toBe('ssm:StartAutomationExecution');
    expect(JSON.stringify(start?.Resource)).toContain('AutomationDocuments');
    const follow = statements.find(s => s.Sid === 'AutomationFollow');
    expect(JSON.stringify(follow?.Resource)).toContain(
      ':automation-execution/*',
    );
    const passRole = statements.find(s => s.Sid === 'AutomationPassRole');
    expect(passRole).toMatchObject({
      Action: 'iam:PassRole',
      Resource: { Ref: 'AutomationAssumeRoleArn' },
      Condition: {
        StringEquals: { 'iam:PassedToService': 'ssm.amazonaws.com' },
      },
    });
  });

  it('may be assumed only by the Backstage principal given as a parameter', () => {
    expect(
      policyStatements(template, 'BackendRole', 'AssumeRolePolicyDocument'),
    ).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: { Ref: 'BackstagePrincipalArn' } },
        Action: 'sts:AssumeRole',
      },
    ]);
  });
});

describe('the AWS call scanner', () => {
  it('finds commands and paginators by their imported names, aliases and multi-line imports included', () => {
    const source = `
      import { paginateDescribeSourceServers, DrsClient } from '@aws-sdk/client-drs';
      import {
        PutCommand as Put,
        QueryCommand,
        GetCommand,
      } from '@aws-sdk/lib-dynamodb';
      import type { DeleteCommand } from '@aws-sdk/lib-dynamodb';
      import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
      import { StartRecoveryCommand } from './not-the-sdk';
      paginateDescribeSourceServers({ client }, {});
      await client.send(new Put({}));
      await client.send(new QueryCommand({}));
      await client.send(new DescribeTableCommand({}));
      await client.send(new StartRecoveryCommand({}));
    `;

    expect(awsCallsInSource('example.ts', source).sort()).toEqual([
      'drs:DescribeSourceServers',
      'dynamodb:DescribeTable',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
  });

  it('refuses what it cannot follow instead of missing calls', () => {
    expect(() =>
      awsCallsInSource(
        'example.ts',
        "import * as drs from '@aws-sdk/client-drs';",
      ),
    ).toThrow(/cannot be scanned/);
    expect(() =>
      awsCallsInSource(
        'example.ts',
        "import { ExecuteStatementCommand } from '@aws-sdk/lib-dynamodb'; new ExecuteStatementCommand({});",
      ),
    ).toThrow(/No IAM action known for lib-dynamodb's ExecuteStatement/);
  });
});
