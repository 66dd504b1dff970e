import {
  DrsClient,
  ReverseReplicationCommand,
  StartRecoveryCommand,
  TerminateRecoveryInstancesCommand,
} from '@aws-sdk/client-drs';
import { AwsClientCache } from '../awsClients';
import {
  describeJobLog,
  describeJobs,
  describeJobsSince,
  describeRecoveryInstances,
  describeSourceServers,
} from './drsReads';
import { describeRecoverySnapshots } from './recoverySnapshots';
import { DefaultDrsGatewayOptions, DrsGateway } from './types';

/** The DRS gateway over one client per account and region. */
export function createDrsGateway(
  clients: AwsClientCache<DrsClient>,
): DrsGateway {
  return {
    describeSourceServers: async (location, selector) =>
      describeSourceServers(await clients.get(location), selector),
    describeJobs: async (location, jobIds) =>
      describeJobs(await clients.get(location), jobIds),
    describeJobsSince: async (location, since) =>
      describeJobsSince(await clients.get(location), since),
    describeJobLog: async (location, jobId) =>
      describeJobLog(await clients.get(location), jobId),
    describeRecoveryInstances: async (location, sourceServerIds) =>
      describeRecoveryInstances(await clients.get(location), sourceServerIds),
    describeRecoverySnapshots: async (location, sourceServerId, query) =>
      describeRecoverySnapshots(
        await clients.get(location),
        sourceServerId,
        query,
      ),

    async startRecovery(location, request) {
      const client = await clients.get(location);
      const { job } = await client.send(
        new StartRecoveryCommand({
          sourceServers: request.sourceServerIds.map(id => {
            const recoverySnapshotID = request.recoverySnapshotIds?.[id];
            return recoverySnapshotID
              ? { sourceServerID: id, recoverySnapshotID }
              : { sourceServerID: id };
          }),
          isDrill: request.isDrill,
          tags: request.tags,
        }),
      );
      if (!job?.jobID) throw new Error('DRS StartRecovery returned no job ID');
      return { jobId: job.jobID };
    },

    async terminateRecoveryInstances(location, recoveryInstanceIds) {
      const client = await clients.get(location);
      const { job } = await client.send(
        new TerminateRecoveryInstancesCommand({
          recoveryInstanceIDs: recoveryInstanceIds,
        }),
      );
      if (!job?.jobID)
        throw new Error('DRS TerminateRecoveryInstances returned no job ID');
      return { jobId: job.jobID };
    },

    async reverseReplication(location, recoveryInstanceId) {
      const client = await clients.get(location);
      const { reversedDirectionSourceServerArn } = await client.send(
        new ReverseReplicationCommand({
          recoveryInstanceID: recoveryInstanceId,
        }),
      );
      if (!reversedDirectionSourceServerArn) {
        throw new Error(
          'DRS ReverseReplication returned no reversedDirectionSourceServerArn',
        );
      }
      return { reversedSourceServerArn: reversedDirectionSourceServerArn };
    },
  };
}

/**
 * The plugin's own DRS gateway: the AWS SDK's DRS client per account and region, with
 * credentials from `options.credentialsManager`. An adopter who replaces
 * `drsGatewayServiceRef` can build this one and wrap it.
 *
 * @public
 */
export function createDefaultDrsGateway(
  options: DefaultDrsGatewayOptions,
): DrsGateway {
  return createDrsGateway(
    new AwsClientCache(options, config => new DrsClient(config)),
  );
}
