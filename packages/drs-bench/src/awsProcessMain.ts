/**
 * The benchmarks' local AWS, in a process of its own: dynalite and DRS simulators on loopback.
 * Kept out of the backend's process so that the backend's memory and CPU are its own, as they
 * would be beside real DynamoDB and DRS. Started and driven by awsProcess.ts over IPC; ends
 * when its parent disconnects.
 */
import {
  SimulatorHandle,
  startSimulator,
} from '@drs-orchestration/drs-simulator';
import { startLocalDynamo } from '@drs-orchestration/drs-testkit';
import type { AwsProcessReply, AwsProcessRequest } from './awsProcess';

async function main() {
  const dynamo = await startLocalDynamo();
  const simulators: SimulatorHandle[] = [];
  const reply = (message: AwsProcessReply) => process.send?.(message);

  process.on('message', async (request: AwsProcessRequest) => {
    if (request.type !== 'simulator') return;
    try {
      const simulator = await startSimulator({
        ...request.simulator,
        host: '127.0.0.1',
        port: 0,
        clock: 'manual',
      });
      simulators.push(simulator);
      reply({ id: request.id, endpoint: simulator.endpoint });
    } catch (error) {
      reply({ id: request.id, error: String(error) });
    }
  });
  process.on('disconnect', async () => {
    await Promise.all(simulators.map(s => s.close()));
    await dynamo.stop();
    process.exit(0);
  });
  reply({ dynamodbEndpoint: dynamo.endpoint });
}

main().catch(error => {
  process.stderr.write(`Local AWS process failed: ${error}\n`);
  process.exit(1);
});
