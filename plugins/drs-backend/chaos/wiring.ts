import {
  localDrsGateway,
  localDynamoClients,
} from '../src/__testUtils__/localAws';
import { ExecutionStore } from '../src/services/DynamoStore/ExecutionStore';
import { PlanStore } from '../src/services/DynamoStore/PlanStore';
import { tableNames } from '../src/services/DynamoStore/tables';

/**
 * DRS answers within ~50 ms here, so calls time out after 1.5 s; the engines' launch lease
 * (an intent left by a killed engine is relaunched only after it) must outlast a call with
 * the SDK's retries and the run's checkpoint holds.
 */
const DRS_REQUEST_TIMEOUT_MS = 1500;
export const LAUNCH_LEASE_SECONDS = 10;

const CHAOS_TABLE_PREFIX = 'chaos-';

/**
 * The plugin's stores and DRS gateway against the local DynamoDB server and the simulator:
 * the test and every engine process wire them alike, as backend replicas would.
 */
export function wireLocalAws(endpoints: { dynamodb: string; drs: string }) {
  const { dynamo, documents } = localDynamoClients(endpoints.dynamodb);
  const names = tableNames(CHAOS_TABLE_PREFIX);
  const gateway = localDrsGateway(endpoints.drs, {
    requestTimeoutMs: DRS_REQUEST_TIMEOUT_MS,
  });
  return {
    dynamo,
    names,
    gateway,
    plans: new PlanStore(documents, names.plans),
    executions: new ExecutionStore(documents, names.executions),
  };
}
