import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateChangeSetCommandInput,
  DescribeChangeSetCommand,
  DescribeChangeSetCommandOutput,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  Stack,
  StackEvent,
} from '@aws-sdk/client-cloudformation';
import {
  DeleteTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { readFileSync } from 'fs';
import { Server } from 'http';
import { AddressInfo } from 'net';
import { resolve } from 'path';
import { SimulatorHandle } from '../index';
import { ClientOptions, clientConfig, startTestSimulator } from './harness';

/** The DRS orchestration stack, the template the simulator's CloudFormation is made for. */
export const DRS_STACK_TEMPLATE = readFileSync(
  resolve(
    __dirname,
    '../../../../plugins/scaffolder-backend-module-drs/templates/drs-orchestration-stack.yaml',
  ),
  'utf8',
);

export const DRS_STACK_PARAMETERS = {
  EnvironmentName: 'prod',
  TablePrefix: 'drs-orchestration-prod-',
  AlarmEmail: '',
  BackstagePrincipalArn: 'arn:aws:iam::111122223333:role/backstage-backend',
};

/**
 * A small template in YAML's short forms: a retained table, a role without a name
 * (CAPABILITY_IAM), a topic only with an e-mail address, an alarm on the table.
 */
export const SMALL_TEMPLATE = `
Description: A table, a role, an alarm
Parameters:
  Prefix:
    Type: String
    AllowedPattern: '^[a-z-]+$'
  Email:
    Type: String
    Default: ''
Conditions:
  HasEmail: !Not [!Equals [!Ref Email, '']]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    DeletionPolicy: Retain
    UpdateReplacePolicy: Retain
    Properties:
      TableName: !Sub '\${Prefix}items'
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }]
  Topic:
    Type: AWS::SNS::Topic
    Condition: HasEmail
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: !Sub '\${AWS::StackName}-throttles'
      Dimensions: [{ Name: TableName, Value: !Ref Table }]
      AlarmActions: !If [HasEmail, [!Ref Topic], !Ref AWS::NoValue]
Outputs:
  TableName:
    Value: !Ref Table
  TableArn:
    Value: !GetAtt Table.Arn
  RoleArn:
    Value: !GetAtt [Role, Arn]
  Where:
    Value: !Join [' in ', [!Ref Table, !Select [0, !GetAZs '']]]
`;

export const parameters = (values: Record<string, string>) =>
  Object.entries(values).map(([ParameterKey, ParameterValue]) => ({
    ParameterKey,
    ParameterValue,
  }));

/** A DynamoDB (dynalite, in memory) for the simulator to make its tables in. */
export async function startLocalDynamo() {
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  return {
    endpoint,
    client,
    tables: async () =>
      (await client.send(new ListTablesCommand({}))).TableNames ?? [],
    /** Deletes every table: a fresh DynamoDB for the next test. */
    async clear() {
      const { TableNames = [] } = await client.send(new ListTablesCommand({}));
      for (const TableName of TableNames) {
        await client.send(new DeleteTableCommand({ TableName }));
      }
    },
    async stop() {
      client.destroy();
      server.closeAllConnections();
      await new Promise(done => server.close(done));
    },
  };
}

export function cloudFormationClient(
  simulator: SimulatorHandle,
  options: ClientOptions = {},
): CloudFormationClient {
  return new CloudFormationClient(clientConfig(simulator, options));
}

export type LocalDynamo = Awaited<ReturnType<typeof startLocalDynamo>>;

/**
 * A test simulator that makes its stacks' tables in a local DynamoDB, for a `describe` block:
 * started before its tests, both emptied before each, stopped after all.
 */
export function useStackWorld(): {
  simulator: SimulatorHandle;
  cfn: CloudFormationClient;
  dynamo: LocalDynamo;
} {
  const world = {} as ReturnType<typeof useStackWorld>;
  beforeAll(async () => {
    world.dynamo = await startLocalDynamo();
    ({ simulator: world.simulator } = await startTestSimulator({
      dynamodbEndpoint: world.dynamo.endpoint,
    }));
    world.cfn = cloudFormationClient(world.simulator);
  });
  beforeEach(async () => {
    world.simulator.reset();
    await world.dynamo.clear();
  });
  afterAll(async () => {
    await world.simulator.close();
    await world.dynamo.stop();
  });
  return world;
}

/** Polls a change set as a caller would, advancing the manual clock, until it is worked out. */
export async function changeSetWhenReady(
  cfn: CloudFormationClient,
  simulator: SimulatorHandle,
  changeSetId: string,
): Promise<DescribeChangeSetCommandOutput> {
  for (let step = 0; step < 10; step++) {
    const changeSet = await cfn.send(
      new DescribeChangeSetCommand({ ChangeSetName: changeSetId }),
    );
    if (
      changeSet.Status !== 'CREATE_PENDING' &&
      changeSet.Status !== 'CREATE_IN_PROGRESS'
    ) {
      return changeSet;
    }
    simulator.advance(1);
  }
  throw new Error(`change set ${changeSetId} was not worked out`);
}

export async function describeStack(
  cfn: CloudFormationClient,
  stackName: string,
): Promise<Stack> {
  const { Stacks } = await cfn.send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  return Stacks![0];
}

/** Polls the stack, advancing the manual clock, until its operation has ended. */
export async function stackWhenSettled(
  cfn: CloudFormationClient,
  simulator: SimulatorHandle,
  stackName: string,
): Promise<Stack> {
  for (let step = 0; step < 100; step++) {
    const stack = await describeStack(cfn, stackName);
    if (!stack.StackStatus!.endsWith('_IN_PROGRESS')) return stack;
    simulator.advance(2);
  }
  throw new Error(`stack ${stackName} did not settle`);
}

/** Every event of the stack, oldest first. */
export async function eventsOf(
  cfn: CloudFormationClient,
  stackName: string,
): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cfn.send(
      new DescribeStackEventsCommand({ StackName: stackName, NextToken }),
    );
    events.push(...page.StackEvents!);
    NextToken = page.NextToken;
  } while (NextToken);
  return events.reverse();
}

export const eventLines = (events: StackEvent[]) =>
  events.map(e => `${e.LogicalResourceId} ${e.ResourceStatus}`);

/**
 * Creates a change set, waits until it is worked out, executes it (if it has changes) and waits
 * until the stack has settled; returns the change set and the stack.
 */
export async function deploy(
  cfn: CloudFormationClient,
  simulator: SimulatorHandle,
  request: Partial<CreateChangeSetCommandInput> & { StackName: string },
  token = 'deploy-1',
) {
  const { Id } = await cfn.send(
    new CreateChangeSetCommand({
      ChangeSetName: token,
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      ...request,
    }),
  );
  const changeSet = await changeSetWhenReady(cfn, simulator, Id!);
  if (changeSet.Status === 'CREATE_COMPLETE') {
    await cfn.send(
      new ExecuteChangeSetCommand({
        ChangeSetName: Id,
        ClientRequestToken: token,
      }),
    );
  }
  return {
    changeSet,
    stack: await stackWhenSettled(cfn, simulator, request.StackName),
  };
}

export const DRS_STACK = 'drs-orchestration-prod';

/**
 * Deploys the DRS stack with `values` over the default parameters, through a change set of
 * `type` named by `token`; returns the change set and the settled stack.
 */
export function deployDrsStack(
  { cfn, simulator }: { cfn: CloudFormationClient; simulator: SimulatorHandle },
  type: 'CREATE' | 'UPDATE',
  values: Partial<typeof DRS_STACK_PARAMETERS> = {},
  token = `deploy-${type.toLowerCase()}`,
) {
  return deploy(
    cfn,
    simulator,
    {
      StackName: DRS_STACK,
      ChangeSetType: type,
      TemplateBody: DRS_STACK_TEMPLATE,
      Parameters: parameters({ ...DRS_STACK_PARAMETERS, ...values }),
    },
    token,
  );
}
