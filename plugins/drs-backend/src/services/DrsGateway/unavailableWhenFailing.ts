import { ServiceUnavailableError } from '@backstage/errors';
import { isAwsFailure } from '../awsFailures';
import { describeDrsError, isPermanentDrsError } from './drsErrors';
import { DrsGateway, locationKey } from './types';

/**
 * The gateway as API requests use it: a DRS or credentials failure becomes a 503 that names
 * the account and region, instead of a 500 with an SDK stack; any other error (a bug) passes
 * through as itself. The engine uses the raw gateway,
 * because it tells throttling from refusals by the error's name.
 */
export function unavailableWhenFailing(gateway: DrsGateway): DrsGateway {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, call] of Object.entries(gateway)) {
    wrapped[name] = async (
      location: { accountId?: string; region: string },
      ...rest: unknown[]
    ) => {
      try {
        return await (call as Function)(location, ...rest);
      } catch (error) {
        if (!isAwsFailure(error)) throw error;
        const where = `DRS in ${locationKey(location)}`;
        // Either way the user cannot fix it from here; what helps differs.
        throw new ServiceUnavailableError(
          isPermanentDrsError(error)
            ? `${where} refused the request (${describeDrsError(
                error,
              )}). Retrying will not help: an operator must check the AWS role, account and region configured for this entity, and that DRS is initialized there.`
            : `${where} could not be reached (${describeDrsError(
                error,
              )}). Check the AWS credentials and region of this entity, or try again shortly.`,
        );
      }
    };
  }
  return wrapped as unknown as DrsGateway;
}
