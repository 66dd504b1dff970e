import {
  CreateTableCommand,
  CreateTableCommandInput,
  DeleteTableCommand,
  DynamoDBClient,
  GlobalSecondaryIndexUpdate,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { entryOf } from '../maps';
import type { Tenant } from '../state';
import { DeployedResource, ResourceAction } from './records';
import { ResourceProvisioner } from './world';

const TABLE = 'AWS::DynamoDB::Table';

/** The members of CloudFormation's table properties that CreateTable takes as they are. */
const TABLE_MEMBERS = [
  'AttributeDefinitions',
  'KeySchema',
  'BillingMode',
  'ProvisionedThroughput',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
] as const;

/**
 * The table a resource stands for. Tags, encryption, point-in-time recovery, streams and TTL are
 * only recorded: a local DynamoDB has no use for them.
 */
function createTableInput(resource: DeployedResource): CreateTableCommandInput {
  const input: Record<string, unknown> = { TableName: resource.physicalId };
  for (const member of TABLE_MEMBERS) {
    if (resource.properties[member] !== undefined) {
      input[member] = resource.properties[member];
    }
  }
  return input as unknown as CreateTableCommandInput;
}

/** A change CloudFormation itself refuses, before asking DynamoDB. */
class RefusedChange extends Error {}

type IndexDefinition = { IndexName: string } & Record<string, unknown>;

function indexes(resource: DeployedResource): Map<string, IndexDefinition> {
  const list = (resource.properties.GlobalSecondaryIndexes ??
    []) as IndexDefinition[];
  return new Map(list.map(index => [index.IndexName, index]));
}

/** CloudFormation's one-index-at-a-time rule, then the UpdateTable the change needs, if any. */
function updateTableInput(before: DeployedResource, after: DeployedResource) {
  const [old, wanted] = [indexes(before), indexes(after)];
  const updates: GlobalSecondaryIndexUpdate[] = [
    ...[...wanted.values()]
      .filter(index => !old.has(index.IndexName))
      .map(index => ({ Create: index as never })),
    ...[...old.keys()]
      .filter(name => !wanted.has(name))
      .map(name => ({ Delete: { IndexName: name } })),
  ];
  if (updates.length > 1) {
    throw new RefusedChange(
      'Cannot perform more than one GSI creation or deletion in a single update',
    );
  }
  const billingMode = after.properties.BillingMode as string | undefined;
  const billingChanged = billingMode !== before.properties.BillingMode;
  if (!updates.length && !billingChanged) return undefined;
  return {
    TableName: after.physicalId,
    ...(updates.length ? { GlobalSecondaryIndexUpdates: updates } : {}),
    ...(billingChanged && billingMode
      ? { BillingMode: billingMode as never }
      : {}),
    ...(updates.length
      ? { AttributeDefinitions: after.properties.AttributeDefinitions as never }
      : {}),
  };
}

async function carryOut(client: DynamoDBClient, action: ResourceAction) {
  const { resource } = action;
  switch (action.verb) {
    case 'create':
    case 'replace':
      await client.send(new CreateTableCommand(createTableInput(resource)));
      return;
    case 'update':
    case 'revert': {
      const input = updateTableInput(action.before!, resource);
      if (input) await client.send(new UpdateTableCommand(input));
      return;
    }
    default:
      try {
        await client.send(
          new DeleteTableCommand({ TableName: resource.physicalId }),
        );
      } catch (error) {
        // Already gone is as good as deleted, as CloudFormation sees it.
        if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      }
  }
}

/** CloudFormation's words for what DynamoDB answered. */
function failureReason(
  error: unknown,
  action: ResourceAction,
  endpoint: string,
) {
  const { name, message, $metadata } = error as Error & {
    $metadata?: { httpStatusCode?: number };
  };
  if (error instanceof RefusedChange) {
    return `Resource handler returned message: "${message}" (HandlerErrorCode: InvalidRequest)`;
  }
  if (name === 'ResourceInUseException' && action.verb !== 'delete') {
    return `Resource of type '${TABLE}' with identifier '${action.resource.physicalId}' already exists.`;
  }
  if (!$metadata?.httpStatusCode) {
    return `Resource handler returned message: "The simulator could not reach DynamoDB at ${endpoint}: ${message}" (HandlerErrorCode: ServiceInternalError)`;
  }
  return `Resource handler returned message: "${message}" (Service: DynamoDb, Status Code: ${$metadata.httpStatusCode}) (HandlerErrorCode: InvalidRequest)`;
}

/**
 * Creates, updates and deletes CloudFormation's tables in the DynamoDB at `endpoint` (dynalite
 * under `npm start`), signed as the stack's account in its region.
 */
export function dynamodbProvisioner(endpoint: string): ResourceProvisioner {
  const clients = new Map<string, DynamoDBClient>();
  // One client per account and region: a reset makes new tenants, not new accounts.
  const clientFor = (tenant: Tenant) =>
    entryOf(
      clients,
      `${tenant.accountId}/${tenant.region}`,
      () =>
        new DynamoDBClient({
          endpoint,
          region: tenant.region,
          credentials: {
            accessKeyId: tenant.accountId,
            secretAccessKey: 'drs-simulator',
          },
        }),
    );
  return {
    provisions: type => type === TABLE,
    async run(action, tenant) {
      try {
        await carryOut(clientFor(tenant), action);
        return {};
      } catch (error) {
        return { failure: failureReason(error, action, endpoint) };
      }
    },
  };
}
