import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { mkdtempSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { drsLocalAwsModule } from './localAws';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the embedded stand-ins for AWS', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'drs-local-aws-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keep the simulator's jobs across a restart of the backend, beside DynamoDB's data", async () => {
    const simulatorPort = await freePort();
    const config = {
      drsLocal: {
        enabled: true,
        dynamodbPort: await freePort(),
        dataDir: join(dir, 'dynamodb'),
        simulatorPort,
        simulatorJournal: join(dir, 'simulator', 'journal.jsonl'),
        inventory: join(__dirname, '../../../../examples/drs-inventory.yaml'),
      },
    };
    const simulator = `http://127.0.0.1:${simulatorPort}`;
    const start = () =>
      startTestBackend({
        features: [
          drsLocalAwsModule,
          mockServices.rootConfig.factory({ data: config }),
        ],
      });
    const drs = async (operation: string, body: object) => {
      const response = await fetch(`${simulator}/${operation}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization:
            'AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/drs/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: JSON.stringify(body),
      });
      return response.json();
    };
    const jobs = async () =>
      (await (await fetch(`${simulator}/_sim/state`)).json()).accounts.flatMap(
        (account: { jobs: { jobID: string }[] }) =>
          account.jobs.map(job => job.jobID),
      );

    const first = await start();
    const { items } = await drs('DescribeSourceServers', {});
    const { job } = await drs('StartRecovery', {
      sourceServers: [{ sourceServerID: items[0].sourceServerID }],
      isDrill: true,
    });
    expect(await jobs()).toEqual([job.jobID]);
    await first.stop();

    const second = await start();
    expect(await jobs()).toEqual([job.jobID]);
    await second.stop();
  });
});
