import { mkdirSync } from 'fs';
import { Server } from 'http';
import { resolve } from 'path';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { startSimulator } from '@drs-orchestration/drs-simulator';
import dynalite from 'dynalite';

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise());
  });
}

/**
 * Runs the embedded stand-ins for AWS before the DRS plugin starts (a plugin's modules
 * initialise before the plugin): a DynamoDB-protocol server with its data on disk, and
 * the DRS simulator with its world in a journal on disk, so that executions and the jobs
 * they drive survive a restart together. The simulator also serves CloudFormation, whose
 * stacks' tables it makes in that DynamoDB. Both listen on loopback only.
 */
export const drsLocalAwsModule = createBackendModule({
  pluginId: 'drs',
  moduleId: 'local-aws',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ config, logger, lifecycle }) {
        const local = config.getOptionalConfig('drsLocal');
        if (!local?.getOptionalBoolean('enabled')) return;

        const dataDir = resolve(
          local.getOptionalString('dataDir') ?? '../../.data/dynamodb',
        );
        mkdirSync(dataDir, { recursive: true });
        const dynamodbPort = local.getOptionalNumber('dynamodbPort') ?? 4567;
        const dynamo: Server = dynalite({ path: dataDir, createTableMs: 0 });
        await listen(dynamo, dynamodbPort);

        const journal = resolve(
          local.getOptionalString('simulatorJournal') ??
            '../../.data/simulator/journal.jsonl',
        );
        const simulator = await startSimulator({
          port: local.getOptionalNumber('simulatorPort') ?? 4566,
          inventory: resolve(
            local.getOptionalString('inventory') ??
              '../../examples/drs-inventory.yaml',
          ),
          clock: 'real',
          speed: local.getOptionalNumber('simulatorSpeed') ?? 20,
          journal,
          // The tables of stacks deployed to its CloudFormation become real local tables.
          dynamodbEndpoint: `http://127.0.0.1:${dynamodbPort}`,
        });
        logger.info(
          `Local AWS: DynamoDB on 127.0.0.1:${dynamodbPort} (data in ${dataDir}), DRS simulator with SSM, EC2 and CloudFormation on ${simulator.endpoint} (its jobs, instances and stacks in ${journal}; stack tables in that DynamoDB)`,
        );
        const { replayed, discarded } = simulator.resumption ?? {};
        if (discarded) {
          logger.warn(
            `The DRS simulator starts afresh: its journal ${discarded}`,
          );
        } else if (replayed) {
          logger.info(
            `The DRS simulator resumed its world from ${replayed} recorded changes`,
          );
        }
        lifecycle.addShutdownHook(async () => {
          await simulator.close();
          await new Promise(done => dynamo.close(() => done(undefined)));
        });
      },
    });
  },
});
