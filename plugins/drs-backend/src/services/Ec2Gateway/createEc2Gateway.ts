import {
  DescribeInstanceStatusCommand,
  EC2Client,
  InstanceStatus,
} from '@aws-sdk/client-ec2';
import { InstanceStatusObservation } from '@drs-orchestration/plugin-drs-common/engine';
import { AwsClientCache } from '../awsClients';
import { errorName } from '../awsFailures';
import { chunks, mapInPool } from '../batches';
import { DefaultEc2GatewayOptions, Ec2Gateway } from './types';

/** DescribeInstanceStatus takes at most 100 explicit instance IDs. */
const MAX_INSTANCE_IDS_PER_CALL = 100;
/** Single-instance calls at once, when a batch named an instance EC2 no longer has. */
const SINGLE_INSTANCE_CONCURRENCY = 4;

function toObservation(status: InstanceStatus): InstanceStatusObservation {
  return {
    ec2InstanceId: status.InstanceId ?? '',
    instanceStatus: status.InstanceStatus?.Status ?? 'not-applicable',
    systemStatus: status.SystemStatus?.Status ?? 'not-applicable',
  };
}

async function describeBatch(
  client: EC2Client,
  instanceIds: string[],
): Promise<InstanceStatusObservation[]> {
  const statuses: InstanceStatusObservation[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new DescribeInstanceStatusCommand({
        InstanceIds: instanceIds,
        // A stopped or pending instance is reported too, instead of looking unobserved.
        IncludeAllInstances: true,
        NextToken: nextToken,
      }),
    );
    statuses.push(...(page.InstanceStatuses ?? []).map(toObservation));
    nextToken = page.NextToken;
  } while (nextToken);
  return statuses;
}

/**
 * One unknown instance fails its whole batch: the batch is asked again an instance at a time,
 * leaving out those EC2 no longer has, so that one terminated instance does not keep every
 * other health gate of the region from being observed.
 */
async function describeEachKnown(client: EC2Client, instanceIds: string[]) {
  const each = await mapInPool(
    instanceIds,
    SINGLE_INSTANCE_CONCURRENCY,
    async instanceId =>
      describeBatch(client, [instanceId]).catch(error => {
        if (errorName(error) === 'InvalidInstanceID.NotFound') return [];
        throw error;
      }),
  );
  return each.flat();
}

/** The EC2 gateway over one client per account and region. */
export function createEc2Gateway(
  clients: AwsClientCache<EC2Client>,
): Ec2Gateway {
  return {
    async describeInstanceStatus(location, instanceIds) {
      const client = await clients.get(location);
      const statuses: InstanceStatusObservation[] = [];
      for (const batch of chunks(
        [...new Set(instanceIds)],
        MAX_INSTANCE_IDS_PER_CALL,
      )) {
        statuses.push(
          ...(await describeBatch(client, batch).catch(error => {
            if (errorName(error) !== 'InvalidInstanceID.NotFound') throw error;
            return describeEachKnown(client, batch);
          })),
        );
      }
      return statuses;
    },
  };
}

/**
 * The plugin's own EC2 gateway: the AWS SDK's EC2 client per account and region, with
 * credentials from `options.credentialsManager`. An adopter who replaces
 * `ec2GatewayServiceRef` can build this one and wrap it.
 *
 * @public
 */
export function createDefaultEc2Gateway(
  options: DefaultEc2GatewayOptions,
): Ec2Gateway {
  return createEc2Gateway(
    new AwsClientCache(options, config => new EC2Client(config)),
  );
}
