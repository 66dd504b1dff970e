import type { SimulatorInventory } from '@drs-orchestration/drs-simulator';
import { TEST_ACCOUNT_ID, TEST_REGION } from './testAccount';

/** Three services' servers: checkout by tags, payments by IDs (one stalled), and a spare. */
export const testInventory: SimulatorInventory = {
  accounts: [
    {
      accountId: TEST_ACCOUNT_ID,
      region: TEST_REGION,
      sourceServers: [
        ...['web', 'app', 'db'].flatMap(tier =>
          [1, 2].map(n => ({
            hostname: `checkout-${tier}-${n}`,
            tags: { Application: 'checkout', Tier: tier },
            lagSeconds: 5 * n,
          })),
        ),
        {
          sourceServerID: 's-00000000000000p01',
          hostname: 'payments-api-1',
          tags: { Application: 'payments' },
          lagSeconds: 3,
        },
        {
          sourceServerID: 's-00000000000000p02',
          hostname: 'payments-batch-1',
          tags: { Application: 'payments' },
          replicationState: 'STALLED',
          lagSeconds: 5400,
        },
      ],
    },
  ],
};
