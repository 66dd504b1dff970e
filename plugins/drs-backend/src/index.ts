/**
 * Backend plugin of the DRS orchestration for Backstage.
 *
 * @packageDocumentation
 */
export { drsPlugin as default } from './plugin';
export { drsAwsCredentialsServiceRef } from './services/drsAwsCredentialsServiceRef';
export { drsGatewayServiceRef } from './services/DrsGateway/drsGatewayServiceRef';
export { createDefaultDrsGateway } from './services/DrsGateway/createDrsGateway';
export type {
  DefaultDrsGatewayOptions,
  DrsGateway,
  DrsJobSummary,
  DrsLocation,
  RecoverySnapshotQuery,
  StartRecoveryRequest,
} from './services/DrsGateway/types';
export { drsStoresServiceRef } from './services/DynamoStore/drsStoresServiceRef';
export { createDynamoDrsStores } from './services/DynamoStore/createDynamoDrsStores';
export type {
  DrsStores,
  DynamoDrsStoresOptions,
  ExecutionStore,
  ListExecutionsOptions,
  PlanStore,
} from './services/DynamoStore/types';
