import {
  GetAutomationExecutionCommand,
  SSMClient,
  StartAutomationExecutionCommand,
  StopAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { AutomationExecutionObservation } from '@drs-orchestration/plugin-drs-common/engine';
import { AwsClientCache } from '../awsClients';
import { DefaultSsmGatewayOptions, SsmGateway } from './types';

/** The SSM gateway over one client per account and region. */
export function createSsmGateway(
  clients: AwsClientCache<SSMClient>,
): SsmGateway {
  return {
    async startAutomationExecution(location, request) {
      const client = await clients.get(location);
      const hasParameters = Object.keys(request.parameters).length > 0;
      const { AutomationExecutionId } = await client.send(
        new StartAutomationExecutionCommand({
          DocumentName: request.documentName,
          DocumentVersion: request.documentVersion,
          // SSM refuses an empty map: 1 to 200 parameters, or none.
          ...(hasParameters ? { Parameters: request.parameters } : {}),
          ClientToken: request.clientToken,
          Tags: Object.entries(request.tags).map(([Key, Value]) => ({
            Key,
            Value,
          })),
        }),
      );
      if (!AutomationExecutionId) {
        throw new Error('SSM StartAutomationExecution returned no ID');
      }
      return { automationExecutionId: AutomationExecutionId };
    },

    async getAutomationExecution(location, automationExecutionId) {
      const client = await clients.get(location);
      const { AutomationExecution: automation } = await client.send(
        new GetAutomationExecutionCommand({
          AutomationExecutionId: automationExecutionId,
        }),
      );
      const observation: AutomationExecutionObservation = {
        automationExecutionId,
        status: automation?.AutomationExecutionStatus ?? 'Pending',
      };
      // Only what SSM reported: the engine compares observations between cycles.
      if (automation?.Outputs) observation.outputs = automation.Outputs;
      if (automation?.FailureMessage) {
        observation.failureMessage = automation.FailureMessage;
      }
      if (automation?.ExecutionStartTime) {
        observation.startedAt = automation.ExecutionStartTime.toISOString();
      }
      if (automation?.ExecutionEndTime) {
        observation.endedAt = automation.ExecutionEndTime.toISOString();
      }
      return observation;
    },

    async stopAutomationExecution(location, automationExecutionId) {
      const client = await clients.get(location);
      await client.send(
        new StopAutomationExecutionCommand({
          AutomationExecutionId: automationExecutionId,
          Type: 'Cancel',
        }),
      );
    },
  };
}

/**
 * The plugin's own SSM gateway: the AWS SDK's SSM client per account and region, with
 * credentials from `options.credentialsManager`. An adopter who replaces
 * `ssmGatewayServiceRef` can build this one and wrap it.
 *
 * @public
 */
export function createDefaultSsmGateway(
  options: DefaultSsmGatewayOptions,
): SsmGateway {
  return createSsmGateway(
    new AwsClientCache(options, config => new SSMClient(config)),
  );
}
