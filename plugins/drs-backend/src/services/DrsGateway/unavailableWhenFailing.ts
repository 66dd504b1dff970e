import { ServiceUnavailableError } from '@backstage/errors';
import { describeAwsError, isAwsFailure } from '../awsFailures';
import { isPermanentDrsError } from './drsErrors';
import { locationKey } from './locations';
import { DrsGateway, DrsLocation } from './types';

/** The 503 of a DRS or credentials failure: it names the account and region. */
function unavailable(location: DrsLocation, error: unknown) {
  const where = `DRS in ${locationKey(location)}`;
  // Either way the user cannot fix it from here; what helps differs.
  return new ServiceUnavailableError(
    isPermanentDrsError(error)
      ? `${where} refused the request (${describeAwsError(
          error,
        )}). Retrying will not help: an operator must check the AWS role, account and region configured for this entity, and that DRS is initialized there.`
      : `${where} could not be reached (${describeAwsError(
          error,
        )}). Check the AWS credentials and region of this entity, or try again shortly.`,
  );
}

/** Every call of a gateway: this fails to compile when the interface gains one not listed. */
const GATEWAY_CALLS: Record<keyof DrsGateway, true> = {
  describeSourceServers: true,
  describeJobs: true,
  describeJobsSince: true,
  describeJobLog: true,
  describeRecoveryInstances: true,
  describeRecoverySnapshots: true,
  startRecovery: true,
  terminateRecoveryInstances: true,
  reverseReplication: true,
};

/**
 * The gateway as API requests use it: a DRS or credentials failure becomes a 503 that names
 * the account and region, instead of a 500 with an SDK stack; any other error (a bug) passes
 * through as itself. The engine uses the raw gateway,
 * because it tells throttling from refusals by the error's name.
 */
export function unavailableWhenFailing(gateway: DrsGateway): DrsGateway {
  const wrapped: Record<string, unknown> = {};
  for (const name of Object.keys(GATEWAY_CALLS) as (keyof DrsGateway)[]) {
    // Looked up when called, as a method: a replacement gateway may be an instance of a class.
    wrapped[name] = async (location: DrsLocation, ...input: unknown[]) => {
      try {
        const call = gateway[name] as (...args: unknown[]) => Promise<unknown>;
        return await call.call(gateway, location, ...input);
      } catch (error) {
        if (!isAwsFailure(error)) throw error;
        throw unavailable(location, error);
      }
    };
  }
  return wrapped as unknown as DrsGateway;
}
