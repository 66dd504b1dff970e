import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { createPlanAction } from './createPlanAction';
import { deployStackAction } from './deployStack/deployStackAction';
import { DrsBackendClient } from './drsBackendClient';
import { startDrillAction } from './startDrillAction';

export interface DrsActionsOptions {
  config: Config;
  discovery: DiscoveryService;
  auth: AuthService;
  /** How often drs:stack:deploy asks CloudFormation for progress (default 10 s). */
  stackPollIntervalMs?: number;
  /** How long drs:stack:deploy waits for one deployment (default 60 min). */
  stackTimeoutMs?: number;
}

/** The scaffolder actions of the DRS orchestration. */
export function createDrsActions(options: DrsActionsOptions) {
  const drsBackend = new DrsBackendClient({
    discovery: options.discovery,
    auth: options.auth,
  });
  return [
    deployStackAction({
      credentialsManager: DefaultAwsCredentialsManager.fromConfig(
        options.config,
      ),
      pollIntervalMs: options.stackPollIntervalMs ?? 10_000,
      timeoutMs: options.stackTimeoutMs ?? 60 * 60_000,
    }),
    createPlanAction({ drsBackend }),
    startDrillAction({
      drsBackend,
      appBaseUrl: options.config.getString('app.baseUrl'),
    }),
  ];
}
