/**
 * The API benchmark's local AWS, in a process of its own: dynalite and DRS simulators on
 * loopback. Kept out of the backend's process so that the backend's memory and CPU are its own,
 * as they would be beside real DynamoDB and DRS. Started and driven by awsProcess.ts over IPC;
 * ends when its parent disconnects.
 */
import {
  SimulatorHandle,
  startSimulator,
} from '@drs-orchestration/drs-simulator';
import dynalite from 'dynalite';
import { Server } from 'http';
import { AddressInfo } from 'net';
import type { AwsProcessReply, AwsProcessRequest } from './awsProcess';

async function main() {
  const dynamo: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>(resolve => dynamo.listen(0, '127.0.0.1', resolve));
  const simulators: SimulatorHandle[] = [];
  const reply = (message: AwsProcessReply) => process.send?.(message);

  process.on('message', async (request: AwsProcessRequest) => {
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
    await new Promise(resolve => dynamo.close(resolve));
    process.exit(0);
  });
  reply({
    dynamodbEndpoint: `http://127.0.0.1:${
      (dynamo.address() as AddressInfo).port
    }`,
  });
}

main().catch(error => {
  process.stderr.write(`Local AWS process failed: ${error}\n`);
  process.exit(1);
});
