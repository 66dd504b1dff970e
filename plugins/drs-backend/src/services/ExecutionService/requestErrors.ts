import { ConflictError, InputError } from '@backstage/errors';
import { ExecutionRequestError } from '@drs-orchestration/plugin-drs-common/engine';

/** Runs a domain request; a refusal becomes a 409 (CONFLICT) or a 400 (INVALID). */
export function asRequestError<T>(request: () => T): T {
  try {
    return request();
  } catch (error) {
    if (error instanceof ExecutionRequestError) {
      if (error.code === 'CONFLICT') throw new ConflictError(error.message);
      throw new InputError(error.message);
    }
    throw error;
  }
}
