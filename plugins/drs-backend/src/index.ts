/**
 * Backend plugin of the DRS orchestration for Backstage.
 *
 * - plugin.ts: wires the services below into the plugin; nothing else
 * - router/: the HTTP API, one file per resource (plans, executions, source servers, health)
 *   and access.ts, which turns an entity route into an authorised, resolved entity; readiness.ts
 *   judges the engine from its heartbeat
 * - services/DrsGateway: every DRS call (replaceable: drsGatewayServiceRef)
 * - services/SsmGateway, services/Ec2Gateway: the engine's SSM Automation and EC2 status-check
 *   calls (replaceable: ssmGatewayServiceRef, ec2GatewayServiceRef); awsClients.ts: the SDK
 *   clients per account and region that the three default gateways share
 * - services/DynamoStore: plans, executions and the engine's heartbeat in DynamoDB (replaceable:
 *   drsStoresServiceRef)
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
export type { DefaultAwsGatewayOptions } from './services/awsClients';
export { ssmGatewayServiceRef } from './services/SsmGateway/ssmGatewayServiceRef';
export { createDefaultSsmGateway } from './services/SsmGateway/createSsmGateway';
export type {
  DefaultSsmGatewayOptions,
  SsmGateway,
  StartAutomationRequest,
} from './services/SsmGateway/types';
export { ec2GatewayServiceRef } from './services/Ec2Gateway/ec2GatewayServiceRef';
export { createDefaultEc2Gateway } from './services/Ec2Gateway/createEc2Gateway';
export type {
  DefaultEc2GatewayOptions,
  Ec2Gateway,
} from './services/Ec2Gateway/types';
export { drsStoresServiceRef } from './services/DynamoStore/drsStoresServiceRef';
export { createDynamoDrsStores } from './services/DynamoStore/createDynamoDrsStores';
export type {
  DrsStores,
  DynamoDrsStoresOptions,
  EngineCycleRecord,
  EngineHeartbeatStore,
  ExecutionStore,
  ListExecutionsOptions,
  PlanEvaluationStore,
  PlanStore,
} from './services/DynamoStore/types';
