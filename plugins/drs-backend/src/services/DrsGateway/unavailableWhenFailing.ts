import { ServiceUnavailableError } from '@backstage/errors';
import { isAwsFailure } from '../awsFailures';
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
        const e = error as Error;
        throw new ServiceUnavailableError(
          `DRS in ${locationKey(location)} could not be reached (${e.name}: ${
            e.message
          }). Check the AWS credentials and region of this entity, or try again shortly.`,
        );
      }
    };
  }
  return wrapped as unknown as DrsGateway;
}
