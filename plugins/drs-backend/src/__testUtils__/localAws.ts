import {
  LocalAws as KitLocalAws,
  LocalAwsOptions,
  startLocalAws as startKitLocalAws,
  TEST_ACCOUNT_ID,
  testCredentialsManager,
} from '@drs-orchestration/drs-testkit';
import { createDefaultDrsGateway } from '../services/DrsGateway/createDrsGateway';
import { TableNames, tableNames } from '../services/DynamoStore/tables';

/** The plugin's DRS gateway against a local simulator, as the test account. */
export function localDrsGateway(
  endpoint: string,
  options: { requestTimeoutSeconds?: number } = {},
) {
  return createDefaultDrsGateway({
    credentialsManager: testCredentialsManager(),
    endpoint,
    defaultAccountId: TEST_ACCOUNT_ID,
    ...options,
  });
}

export interface LocalAws extends KitLocalAws {
  /** The tables the plugin creates on start with `config`. */
  tables: TableNames;
}

/** The kit's local AWS (dynalite and the DRS simulator), with the names of the plugin's tables. */
export async function startLocalAws(
  options: LocalAwsOptions = {},
): Promise<LocalAws> {
  const aws = await startKitLocalAws(options);
  return { ...aws, tables: tableNames(aws.tablePrefix) };
}
