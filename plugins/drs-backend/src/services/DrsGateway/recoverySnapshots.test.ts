import {
  SimulatorHandle,
  startSimulator,
} from '@drs-orchestration/drs-simulator';
import {
  TEST_ACCOUNT_ID,
  TEST_REGION,
  testInventory,
} from '@drs-orchestration/drs-testkit';
import { localDrsGateway } from '../../__testUtils__/localAws';

const location = { accountId: TEST_ACCOUNT_ID, region: TEST_REGION };
const payments = 's-00000000000000p01';

describe('describeRecoverySnapshots through the SDK', () => {
  let simulator: SimulatorHandle;

  beforeAll(async () => {
    simulator = await startSimulator({
      inventory: testInventory,
      clock: 'manual',
    });
  });
  afterEach(() => simulator.reset());
  afterAll(() => simulator.close());

  const gateway = () => localDrsGateway(simulator.endpoint);
  const snapshotCalls = () =>
    simulator.calls().byOperation.DescribeRecoverySnapshots ?? 0;

  it('lists a server’s snapshots newest first, an in-progress one without a time', async () => {
    // Eight days in, with a snapshot being taken: a week of kept points in time.
    simulator.advance(8 * 86400 + 600);
    const snapshots = await gateway().describeRecoverySnapshots(
      location,
      payments,
      { order: 'DESC' },
    );
    expect(snapshots.length).toBeGreaterThan(1);
    expect(snapshots[0]).toEqual({
      snapshotId: expect.stringMatching(/^pit-/),
      sourceServerId: payments,
      expectedAt: expect.any(String),
    });
    const times = snapshots.slice(1).map(s => Date.parse(s.at!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters on the expected time', async () => {
    const all = await gateway().describeRecoverySnapshots(location, payments);
    const middle = all[Math.floor(all.length / 2)];
    const upTo = await gateway().describeRecoverySnapshots(location, payments, {
      to: middle.expectedAt,
    });
    expect(upTo.map(s => s.snapshotId)).toEqual(
      all.filter(s => s.expectedAt <= middle.expectedAt).map(s => s.snapshotId),
    );
    const from = await gateway().describeRecoverySnapshots(location, payments, {
      from: middle.expectedAt,
    });
    expect(from[0].snapshotId).toBe(middle.snapshotId);
  });

  it('asks again after a backoff once the SDK’s own retries were all throttled', async () => {
    simulator.setFaults({ throttleShare: 0.3, throttleRetryAfterSeconds: 0 });
    const reads = await Promise.all(
      Array.from({ length: 20 }, () =>
        gateway().describeRecoverySnapshots(location, payments),
      ),
    );
    expect(reads.every(snapshots => snapshots.length > 0)).toBe(true);
    expect(simulator.calls().injected.throttled).toBeGreaterThan(0);
  });

  it('gives up with the ThrottlingException after three rounds of the SDK’s attempts', async () => {
    simulator.setFaults({ throttleShare: 1, throttleRetryAfterSeconds: 0 });
    await expect(
      gateway().describeRecoverySnapshots(location, payments),
    ).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(snapshotCalls()).toBe(9);
  });

  it('passes any other refusal on at once', async () => {
    await expect(
      gateway().describeRecoverySnapshots(location, 's-0000000000000none'),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(snapshotCalls()).toBe(1);
  });
});
