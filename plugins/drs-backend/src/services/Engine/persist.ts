import { ConflictError } from '@backstage/errors';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { ExecutionStore } from '../DynamoStore/types';

/** Attempts of a write whose race is lost to another writer before the engine gives up. */
const WRITE_ATTEMPTS = 3;

/**
 * Writes with the version read; a lost race re-applies `reapply` to fresh data, a few times.
 * Undefined when the write could not be made: another writer owns the execution's next step.
 */
export async function persist(
  store: ExecutionStore,
  execution: Execution,
  reapply?: (fresh: Execution) => Execution,
): Promise<Execution | undefined> {
  let next = execution;
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    try {
      return await store.update(next);
    } catch (error) {
      if (!(error instanceof ConflictError) || !reapply) return undefined;
      next = reapply(await store.get(execution.executionId));
    }
  }
  return undefined;
}
