import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createDefaultDrsGateway,
  createDefaultSsmGateway,
  createDynamoDrsStores,
  DrsGateway,
  drsAwsCredentialsServiceRef,
  drsGatewayServiceRef,
  drsStoresServiceRef,
  SsmGateway,
  ssmGatewayServiceRef,
} from '@drs-orchestration/plugin-drs-backend';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  START_AUTOMATION_TAG_STEP,
  START_WAVE_TAG_EXECUTION_ID,
  START_WAVE_TAG_WAVE,
} from '@drs-orchestration/plugin-drs-common/engine';
import { localDynamoClients } from '@drs-orchestration/drs-testkit';

/** Where a launch (or a step's automation) stands when its engine reaches a checkpoint. */
export interface LaunchPoint {
  executionId: string;
  /** The wave's name; for an automation, its step as `waveIndex/phase/indexInPhase`. */
  wave: string;
  jobId?: string;
  automationExecutionId?: string;
}

/** What the engine process is told by the plugin's parts it wraps. */
export interface ReplicaProbe {
  /** Stops the launch here until the parent lets it go on (or kills the process). */
  beforeStartRecovery(launch: LaunchPoint): Promise<void>;
  jobCreated(launch: LaunchPoint): Promise<void>;
  /** Stops a step's StartAutomationExecution before the call, and once SSM started the automation. */
  beforeStartAutomation(step: LaunchPoint): Promise<void>;
  automationStarted(step: LaunchPoint): Promise<void>;
  /** Every execution version the engine wrote. */
  written(execution: Execution): void;
  /** The executions a cycle found to visit. */
  visiting(count: number): void;
}

/** The gateway with the probe's checkpoints around StartRecovery: before the call, and once DRS created the job. */
function withCheckpoints(gateway: DrsGateway, probe: ReplicaProbe): DrsGateway {
  return {
    ...gateway,
    async startRecovery(location, request) {
      const launch = {
        executionId: request.tags[START_WAVE_TAG_EXECUTION_ID],
        wave: request.tags[START_WAVE_TAG_WAVE],
      };
      await probe.beforeStartRecovery(launch);
      const result = await gateway.startRecovery(location, request);
      await probe.jobCreated({ ...launch, jobId: result.jobId });
      return result;
    },
  };
}

/** The SSM gateway with the probe's checkpoints around StartAutomationExecution. */
function withAutomationCheckpoints(
  gateway: SsmGateway,
  probe: ReplicaProbe,
): SsmGateway {
  return {
    ...gateway,
    async startAutomationExecution(location, request) {
      const step = {
        executionId: request.tags[START_WAVE_TAG_EXECUTION_ID],
        wave: request.tags[START_AUTOMATION_TAG_STEP],
      };
      await probe.beforeStartAutomation(step);
      const result = await gateway.startAutomationExecution(location, request);
      await probe.automationStarted({
        ...step,
        automationExecutionId: result.automationExecutionId,
      });
      return result;
    },
  };
}

/**
 * The plugin's own gateways and stores, built from its config and wrapped for the chaos test:
 * StartRecovery and StartAutomationExecution stop at the probe's checkpoints, and each execution written and each cycle's
 * executions are reported. The stores are class instances: their methods are replaced on the
 * instance, delegating to the originals.
 */
export function probedDrsParts(probe: ReplicaProbe) {
  return [
    createServiceFactory({
      service: drsGatewayServiceRef,
      deps: {
        config: coreServices.rootConfig,
        credentialsManager: drsAwsCredentialsServiceRef,
      },
      factory: ({ config, credentialsManager }) =>
        withCheckpoints(
          createDefaultDrsGateway({
            credentialsManager,
            endpoint: config.getString('drs.endpoint'),
            defaultAccountId: config.getString('drs.defaultAccountId'),
            requestTimeoutSeconds: config.getNumber(
              'drs.requestTimeoutSeconds',
            ),
          }),
          probe,
        ),
    }),
    createServiceFactory({
      service: ssmGatewayServiceRef,
      deps: {
        config: coreServices.rootConfig,
        credentialsManager: drsAwsCredentialsServiceRef,
      },
      factory: ({ config, credentialsManager }) =>
        withAutomationCheckpoints(
          createDefaultSsmGateway({
            credentialsManager,
            endpoint: config.getString('drs.ssm.endpoint'),
            defaultAccountId: config.getString('drs.defaultAccountId'),
            requestTimeoutSeconds: config.getNumber(
              'drs.requestTimeoutSeconds',
            ),
          }),
          probe,
        ),
    }),
    createServiceFactory({
      service: drsStoresServiceRef,
      deps: { config: coreServices.rootConfig },
      async factory({ config }) {
        const stores = await createDynamoDrsStores({
          client: localDynamoClients(config.getString('drs.dynamodb.endpoint'))
            .dynamo,
          tablePrefix: config.getString('drs.dynamodb.tablePrefix'),
        });
        const { executions } = stores;
        const update = executions.update.bind(executions);
        executions.update = async execution => {
          const written = await update(execution);
          probe.written(written);
          return written;
        };
        const listForEngine = executions.listForEngine.bind(executions);
        executions.listForEngine = async () => {
          const found = await listForEngine();
          probe.visiting(found.length);
          return found;
        };
        return stores;
      },
    }),
  ];
}
