/**
 * Local AWS for the DRS orchestration's tests and tools: the test account, dynalite and the DRS
 * simulator on loopback, DynamoDB clients for them, and a Backstage test backend to run the
 * plugins in. Depends on none of the plugins, so that they can use it in their tests.
 *
 * @packageDocumentation
 */
export {
  TEST_ACCOUNT_ID,
  TEST_AWS_CONFIG,
  TEST_CREDENTIALS,
  TEST_REGION,
  testCredentialsManager,
} from './testAccount';
export { testInventory } from './inventory';
export { localDynamoClients, startLocalDynamo } from './localDynamo';
export type { LocalDynamo } from './localDynamo';
export { localDrsConfig, startLocalAws } from './localAws';
export type {
  LocalAws,
  LocalAwsOptions,
  LocalDrsConfigOptions,
} from './localAws';
export { lineLogger, serviceEntity, startLocalBackend } from './localBackend';
export type {
  ApiAnswer,
  LocalApi,
  LocalBackend,
  LocalBackendOptions,
  LogLevel,
} from './localBackend';
export { captureScheduledTasks } from './taskCapture';
export type { TaskCapture } from './taskCapture';
