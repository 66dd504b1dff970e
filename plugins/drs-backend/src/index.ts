/**
 * Backend plugin of the DRS orchestration for Backstage.
 *
 * - plugin.ts: wires the services below into the plugin; nothing else
 * - router/: the HTTP API, one file per resource (plans, executions, source servers, health)
 *   and access.ts, which turns an entity route into an authorised, resolved entity
 * - services/DrsGateway: every DRS call (replaceable: drsGatewayServiceRef)
 * - services/DynamoStore: plans and executions in DynamoDB (replaceable: drsStoresServiceRef)
 * - services/Engine: the scheduled task that drives executions: cycle, observe, drive, launch,
 *   terminate, persist, the settled cache
 * - services/PlanService, ExecutionService, HealthService, EntityResolver, ExecutionListener:
 *   what the routes and the engine ask of the stores, DRS and the catalog
 * - services/drsAwsCredentialsServiceRef: AWS credentials per account (replaceable)
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
