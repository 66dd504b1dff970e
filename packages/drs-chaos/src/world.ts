import type { SimulatorHandle } from '@drs-orchestration/drs-simulator';
import {
  captureScheduledTasks,
  localDynamoClients,
  serviceEntity,
  startLocalAws,
} from '@drs-orchestration/drs-testkit';
import {
  ApiAnswer,
  LocalApi,
  startLocalBackend,
} from '@drs-orchestration/drs-testkit/backend';
import drsPlugin, {
  createDynamoDrsStores,
} from '@drs-orchestration/plugin-drs-backend';
import { ANNOTATION_DRS_SOURCE_SERVER_TAGS } from '@drs-orchestration/plugin-drs-common';
import { ExecutionPlan, inventoryOf } from './scenario';
import { planStepsOf } from './steps';
import {
  chaosDrsSettings,
  DRS_SPEED,
  EXECUTIONS,
  FAULTS,
  REQUESTER,
  TABLE_PREFIX,
} from './settings';

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

/** Sends the request again while DRS is unavailable (503: the simulator's injected faults). */
export async function whileUnavailable<T>(
  request: () => Promise<ApiAnswer<T>>,
): Promise<ApiAnswer<T>> {
  for (;;) {
    const answer = await request();
    if (answer.status !== 503) return answer;
    await sleep(100);
  }
}

/** Source server IDs by hostname, as the simulator drew them. */
export function sourceServerIds(
  simulator: SimulatorHandle,
): Map<string, string> {
  return new Map(
    simulator
      .state()
      .accounts.flatMap(account =>
        account.sourceServers.map(s => [s.hostname, s.sourceServerID]),
      ),
  );
}

/** Each execution's plan, created through the API as its owner would; plan IDs by plan name. */
async function createPlans(
  api: LocalApi,
  plans: ExecutionPlan[],
  ids: Map<string, string>,
): Promise<Map<string, string>> {
  const planIds = new Map<string, string>();
  for (const plan of plans) {
    const path = `/entities/component/default/${plan.name}/plans`;
    const body = {
      name: `chaos plan of ${plan.name}`,
      timeoutMinutes: 60,
      waves: plan.waves.map(wave => ({
        name: wave.name,
        sourceServerIds: wave.hostnames.map(hostname => ids.get(hostname)!),
        pauseBefore: wave.pauseBefore,
        before: planStepsOf(plan.name, wave.name, 'before', wave.before),
        after: planStepsOf(plan.name, wave.name, 'after', wave.after),
      })),
    };
    const answer = await whileUnavailable(() =>
      api.request<{ planId: string }>('POST', path, { body }),
    );
    if (answer.status !== 201) {
      throw new Error(
        `Creating the plan of ${plan.name} answered ${
          answer.status
        }: ${JSON.stringify(answer.body)}`,
      );
    }
    planIds.set(plan.name, answer.body.planId);
  }
  return planIds;
}

/**
 * The run's world: dynalite and a DRS simulator (with SSM and EC2) that injects faults, and a backend running the
 * drs plugin without its engine, whose API the operators call as people would. Each service
 * of the scenario is a catalog component whose servers are tagged Application=<its name>.
 */
export async function startChaosWorld(plans: ExecutionPlan[], seed: number) {
  const aws = await startLocalAws({
    tablePrefix: TABLE_PREFIX,
    simulator: {
      inventory: inventoryOf(plans),
      clock: 'real',
      speed: DRS_SPEED,
      seed,
      // Room for every execution at once: waiting for DRS capacity is the engine tests' case;
      // here it would only lengthen the run.
      quotas: {
        maxConcurrentJobs: 2 * EXECUTIONS,
        maxServersInActiveJobs: plans.flatMap(p =>
          p.waves.flatMap(w => w.hostnames),
        ).length,
      },
      faults: FAULTS,
    },
    drs: chaosDrsSettings(false),
  });
  const backend = await startLocalBackend({
    features: [drsPlugin, captureScheduledTasks('drs').factory],
    config: aws.config,
    entities: plans.map(plan =>
      serviceEntity(plan.name, 'group:default/chaos', {
        [ANNOTATION_DRS_SOURCE_SERVER_TAGS]: `Application=${plan.name}`,
      }),
    ),
    logLevel: 'none',
  });
  const api = backend.api('drs', REQUESTER);
  const ids = sourceServerIds(aws.simulator);
  const { executions } = await createDynamoDrsStores({
    client: localDynamoClients(aws.dynamodbEndpoint).dynamo,
    tablePrefix: TABLE_PREFIX,
  });
  return {
    simulator: aws.simulator,
    api,
    /** The plugin's store of the same tables, to watch executions as their pages would. */
    executions,
    planIds: await createPlans(api, plans, ids),
    sourceServerIds: ids,
    /** The config of an engine replica: this one's, with the engine on. */
    engineConfig: {
      ...aws.config,
      drs: { ...(aws.config.drs as object), ...chaosDrsSettings(true) },
    },
    async stop() {
      await backend.stop();
      await aws.stop();
    },
  };
}

export type ChaosWorld = Awaited<ReturnType<typeof startChaosWorld>>;
