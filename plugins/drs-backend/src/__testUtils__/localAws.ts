import {
  LocalAws as KitLocalAws,
  LocalAwsOptions,
  startLocalAws as startKitLocalAws,
  TEST_ACCOUNT_ID,
  testCredentialsManager,
} from '@drs-orchestration/drs-testkit';
import { createDefaultDrsGateway } from '../services/DrsGateway/createDrsGateway';
import { DrsGateway } from '../services/DrsGateway/types';
import { TableNames, tableNames } from '../services/DynamoStore/tables';
import { createDefaultEc2Gateway } from '../services/Ec2Gateway/createEc2Gateway';
import { Ec2Gateway } from '../services/Ec2Gateway/types';
import { createDefaultSsmGateway } from '../services/SsmGateway/createSsmGateway';
import { SsmGateway } from '../services/SsmGateway/types';

const localOptions = (
  endpoint: string,
  options: { requestTimeoutSeconds?: number },
) => ({
  credentialsManager: testCredentialsManager(),
  endpoint,
  defaultAccountId: TEST_ACCOUNT_ID,
  ...options,
});

/** The plugin's DRS gateway against a local simulator, as the test account. */
export function localDrsGateway(
  endpoint: string,
  options: { requestTimeoutSeconds?: number } = {},
) {
  return createDefaultDrsGateway(localOptions(endpoint, options));
}

/** The engine's three gateways, DRS, SSM and EC2, the plugin's own, all against one simulator. */
export interface EngineGateways {
  gateway: DrsGateway;
  ssm: SsmGateway;
  ec2: Ec2Gateway;
}

/** The plugin's DRS, SSM and EC2 gateways against a local simulator, as the test account. */
export function localEngineGateways(endpoint: string): EngineGateways {
  return {
    gateway: localDrsGateway(endpoint),
    ssm: createDefaultSsmGateway(localOptions(endpoint, {})),
    ec2: createDefaultEc2Gateway(localOptions(endpoint, {})),
  };
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
