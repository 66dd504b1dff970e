import drsPlugin from '@drs-orchestration/plugin-drs-backend';
import { localDrsConfig } from '@drs-orchestration/drs-testkit';
import { startLocalBackend } from '@drs-orchestration/drs-testkit/backend';

export { startLocalDynamo } from '@drs-orchestration/drs-testkit';
export type { LocalDynamo } from '@drs-orchestration/drs-testkit';

/**
 * The DRS backend plugin in a test backend, its tables in the local DynamoDB. The engine is off
 * and catalog, signals and notifications are stubs: starting the plugin touches only its tables.
 */
export function startDrsBackend(options: {
  dynamodbEndpoint: string;
  tablePrefix: string;
  createTables: boolean;
}) {
  return startLocalBackend({
    features: [drsPlugin],
    config: localDrsConfig({ ...options, drs: { engine: { enabled: false } } }),
  });
}
