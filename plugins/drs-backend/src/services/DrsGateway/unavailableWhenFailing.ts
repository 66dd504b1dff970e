import { ServiceUnavailableError } from '@backstage/errors';
import { isAwsFailure } from '../awsFailures';
import { describeDrsError, isPermanentDrsError } from './drsErrors';
import { locationKey } from './locations';
import { DrsGateway, DrsLocation } from './types';

/** The 503 of a DRS or credentials failure: it names the account and region. */
function unavailable(location: DrsLocation, error: unknown) {
  const where = `DRS in ${locationKey(location)}`;
  // Either way the user cannot fix it from here; what helps differs.
  return new ServiceUnavailableError(
    isPermanentDrsError(error)
      ? `${where} refused the request (${describeDrsError(
          error,
        )}). Retrying will not help: an operator must check the AWS role, account and region configured for this entity, and that DRS is initialized there.`
      : `${where} could not be reached (${describeDrsError(
          error,
        )}). Check the AWS credentials and region of this entity, or try again shortly.`,
  );
}

function guarded<Input, Output>(
  call: (location: DrsLocation, input: Input) => Promise<Output>,
): (location: DrsLocation, input: Input) => Promise<Output> {
  return async (location, input) => {
    try {
      return await call(location, input);
    } catch (error) {
      if (!isAwsFailure(error)) throw error;
      throw unavailable(location, error);
    }
  };
}

/**
 * The gateway as API requests use it: a DRS or credentials failure becomes a 503 that names
 * the account and region, instead of a 500 with an SDK stack; any other error (a bug) passes
 * through as itself. The engine uses the raw gateway,
 * because it tells throttling from refusals by the error's name.
 */
export function unavailableWhenFailing(gateway: DrsGateway): DrsGateway {
  // Each call is looked up when made, so a gateway may be any object that has it (a class too).
  return {
    describeSourceServers: guarded((location, input) =>
      gateway.describeSourceServers(location, input),
    ),
    describeJobs: guarded((location, input) =>
      gateway.describeJobs(location, input),
    ),
    describeJobsSince: guarded((location, input) =>
      gateway.describeJobsSince(location, input),
    ),
    describeJobLog: guarded((location, input) =>
      gateway.describeJobLog(location, input),
    ),
    describeRecoveryInstances: guarded((location, input) =>
      gateway.describeRecoveryInstances(location, input),
    ),
    startRecovery: guarded((location, input) =>
      gateway.startRecovery(location, input),
    ),
    terminateRecoveryInstances: guarded((location, input) =>
      gateway.terminateRecoveryInstances(location, input),
    ),
  };
}
