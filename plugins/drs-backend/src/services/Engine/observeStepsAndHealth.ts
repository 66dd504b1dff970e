import {
  AutomationExecutionObservation,
  InstanceStatusObservation,
} from '@drs-orchestration/plugin-drs-common/engine';
import { describeAwsError, errorName } from '../awsFailures';
import { mapInPool } from '../batches';
import { DrsLocation } from '../DrsGateway/types';
import { isUnknownAutomation } from '../SsmGateway/ssmErrors';
import { EngineContext } from './engineContext';

/**
 * GetAutomationExecution calls at once per account and region: one per running automation,
 * which SSM's own quota of concurrent automations (100 per account and region by default)
 * keeps few, overlapped without a burst that SSM would throttle.
 */
const AUTOMATION_READ_CONCURRENCY = 8;

/** What a service reported by ID, and why the IDs it could not be asked about were not observed. */
export interface ObservedById<T> {
  byId: Map<string, T>;
  failures: Map<string, string>;
}

/** Where the steps' automations stand: one GetAutomationExecution each. */
export async function observeAutomations(
  engine: EngineContext,
  location: DrsLocation,
  automationExecutionIds: Set<string>,
): Promise<ObservedById<AutomationExecutionObservation>> {
  const { ssm, metrics } = engine;
  const observed: ObservedById<AutomationExecutionObservation> = {
    byId: new Map(),
    failures: new Map(),
  };
  await mapInPool(
    [...automationExecutionIds],
    AUTOMATION_READ_CONCURRENCY,
    async id => {
      metrics?.ssmCalls.add(1, { operation: 'GetAutomationExecution' });
      try {
        observed.byId.set(id, await ssm.getAutomationExecution(location, id));
      } catch (error) {
        metrics?.ssmErrors.add(1, { error: errorName(error) });
        if (isUnknownAutomation(error)) {
          // Not an outage: left unobserved, the step ends at its deadline instead of
          // keeping its execution from being decided at all.
          engine.logger.warn(
            `SSM has no automation ${id} in ${
              location.region
            }: ${describeAwsError(error)}`,
          );
        } else {
          observed.failures.set(id, describeAwsError(error));
        }
      }
    },
  );
  return observed;
}

/** The EC2 status checks of instances in health gates: DescribeInstanceStatus, batched. */
export async function observeInstanceStatuses(
  engine: EngineContext,
  location: DrsLocation,
  ec2InstanceIds: Set<string>,
): Promise<ObservedById<InstanceStatusObservation>> {
  const { ec2, metrics } = engine;
  const observed: ObservedById<InstanceStatusObservation> = {
    byId: new Map(),
    failures: new Map(),
  };
  if (ec2InstanceIds.size === 0) return observed;
  metrics?.ec2Calls.add(1, { operation: 'DescribeInstanceStatus' });
  try {
    for (const status of await ec2.describeInstanceStatus(location, [
      ...ec2InstanceIds,
    ])) {
      observed.byId.set(status.ec2InstanceId, status);
    }
  } catch (error) {
    metrics?.ec2Errors.add(1, { error: errorName(error) });
    for (const id of ec2InstanceIds) {
      observed.failures.set(id, describeAwsError(error));
    }
  }
  return observed;
}

/**
 * An execution's own part of what was observed by ID, and the first failure among its IDs:
 * an execution whose automation or instance could not be observed is not decided this cycle.
 */
export function ownPart<T>(
  observed: ObservedById<T>,
  ids: string[],
): { part: Record<string, T>; failure?: string } {
  const part: Record<string, T> = {};
  let failure: string | undefined;
  for (const id of ids) {
    const value = observed.byId.get(id);
    if (value) part[id] = value;
    failure ??= observed.failures.get(id);
  }
  return { part, failure };
}
