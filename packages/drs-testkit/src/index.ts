/**
 * Local AWS for the DRS orchestration's tests and tools: the test account, dynalite and the DRS
 * simulator on loopback, DynamoDB clients for them, the drs plugin's config for them, a
 * scheduler that hands a plugin's tasks to the caller, and catalog entities. Depends on none of
 * the plugins, so that they can use it in their tests. A Backstage test backend to run the
 * plugins in is `@drs-orchestration/drs-testkit/backend`, apart because it loads most of
 * Backstage.
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
export {
  localDynamoClients,
  startLocalDynamo,
  type LocalDynamo,
} from './localDynamo';
export {
  localDrsConfig,
  startLocalAws,
  type LocalAws,
  type LocalAwsOptions,
  type LocalDrsConfigOptions,
} from './localAws';
export {
  captureScheduledTasks,
  DRS_ENGINE_TASK_ID,
  type TaskCapture,
} from './taskCapture';
export { serviceEntity } from './catalog';
export { lineLogger, type LogLevel } from './logger';
