// DynamoDB (dynalite, in memory) and the DRS simulator, run in this script's own process so they
// outlive every backend it stops, kills and restarts.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// the simulator is TypeScript: Backstage's Node transform compiles it on require
require('@backstage/cli/config/nodeTransform.cjs');
const dynalite = require('dynalite');
const { startSimulator } = require('@drs-orchestration/drs-simulator');

/** Starts both on 127.0.0.1; `simulator` is the handle with `calls()` and `setFaults()`. */
export async function startLocalAws({
  dynamodbPort,
  drsPort,
  inventory,
  speed,
}) {
  const dynamodb = dynalite({ createTableMs: 0 });
  await new Promise((resolve, reject) => {
    dynamodb.once('error', reject);
    dynamodb.listen(dynamodbPort, '127.0.0.1', resolve);
  });
  let simulator;
  try {
    simulator = await startSimulator({
      port: drsPort,
      inventory,
      speed,
      clock: 'real',
    });
  } catch (error) {
    dynamodb.close();
    throw error;
  }
  return {
    simulator,
    async stop() {
      await simulator.close();
      // backends that were SIGKILLed leave keep-alive connections behind
      dynamodb.closeAllConnections();
      await new Promise(resolve => dynamodb.close(resolve));
    },
  };
}
