import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createPlanAction } from './createPlanAction';
import { deployStackAction } from './deployStack/deployStackAction';
import { DrsBackendClient } from './drsBackendClient';
import { startDrillAction } from './startDrillAction';

/**
 * What {@link createDrsActions} needs from the backend it runs in.
 *
 * @public
 */
export interface DrsActionsOptions {
  /**
   * The root config: the aws section for deployment credentials, drs.cloudFormation.endpoint
   * (a local stand-in, unset for AWS), app.baseUrl for links to drills.
   */
  config: Config;
  /** Finds the DRS backend that the plan and drill actions call. */
  discovery: DiscoveryService;
  /** Issues the tokens with which those actions call the DRS backend on behalf of the task's user. */
  auth: AuthService;
  /** How often drs:stack:deploy asks CloudFormation for progress (default 10 s). */
  stackPollIntervalMs?: number;
  /** How long drs:stack:deploy waits for one deployment (default 60 min). */
  stackTimeoutMs?: number;
}

/**
 * The scaffolder actions of the DRS orchestration: drs:stack:deploy, drs:plan:create and
 * drs:drill:start. For a backend that registers actions itself; the default export does
 * this for you. Typed as `scaffolder.addActions` takes them.
 *
 * @public
 */
export function createDrsActions(
  options: DrsActionsOptions,
): TemplateAction<any, any, any>[] {
  const drsBackend = new DrsBackendClient({
    discovery: options.discovery,
    auth: options.auth,
  });
  return [
    deployStackAction({
      credentialsManager: DefaultAwsCredentialsManager.fromConfig(
        options.config,
      ),
      endpoint: options.config.getOptionalString('drs.cloudFormation.endpoint'),
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
