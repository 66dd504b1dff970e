import {
  entityObjectives,
  evaluatePlan,
  nextStoredEvaluation,
  PlanEvaluation,
  planObjectives,
  RecoveryPlan,
  StoredPlanEvaluation,
  summarizeEvaluationRun,
} from '@drs-orchestration/plugin-drs-common';
import { chunks, mapInPool } from '../batches';
import { toResolvedEntity } from '../EntityResolver/createEntityResolver';
import { ResolvedEntity } from '../EntityResolver/types';
import { notifyFailing } from './notices';
import { observeLocations, PlanObservation } from './observeLocations';
import { PlanEvaluator, PlanEvaluatorOptions } from './types';

/** Entity references per catalog request. */
const ENTITIES_PER_REQUEST = 500;
/** Evaluations written at once: a pass of thousands of plans overlaps its writes. */
const WRITES_AT_ONCE = 16;

type EntityOrError = ResolvedEntity | { error: string };

/** Every plan's entity from the catalog, as the plugin itself, in a few requests. */
async function resolveEntities(
  options: PlanEvaluatorOptions,
  refs: string[],
): Promise<Map<string, EntityOrError>> {
  const credentials = await options.auth.getOwnServiceCredentials();
  const resolved = new Map<string, EntityOrError>();
  for (const batch of chunks(refs, ENTITIES_PER_REQUEST)) {
    const { items } = await options.catalog.getEntitiesByRefs(
      { entityRefs: batch },
      { credentials },
    );
    batch.forEach((ref, i) => {
      const entity = items[i];
      if (!entity) {
        resolved.set(ref, {
          error: `Entity ${ref} is no longer in the catalog: its plans cannot be started`,
        });
        return;
      }
      try {
        resolved.set(ref, toResolvedEntity(entity, options.defaultRegion));
      } catch (error) {
        resolved.set(ref, { error: (error as Error).message });
      }
    });
  }
  return resolved;
}

/** Stores the plan's new evaluation; true when this writer told the owners it turned failing. */
async function record(
  options: PlanEvaluatorOptions,
  plan: RecoveryPlan,
  previous: StoredPlanEvaluation | undefined,
  current: PlanEvaluation,
): Promise<boolean> {
  const { stored, turnedFailing } = nextStoredEvaluation(previous, current);
  let written: boolean;
  try {
    written = await options.store.writeEvaluation(plan, previous, stored);
  } catch (error) {
    options.logger.warn(`Evaluation of plan ${plan.planId}: ${error}`);
    return false;
  }
  // Lost to another writer after the same read (or the plan is gone): the winner notified.
  if (!written || !turnedFailing) return false;
  await notifyFailing(options, plan, stored);
  return true;
}

/**
 * The continuous plan evaluator. Each pass reads every plan and, per account and region of their
 * entities, DRS once (see observeLocations), evaluates each plan as a RECOVERY started now
 * (evaluatePlan of drs-common) and stores the result beside the plan with a conditional write on
 * the evaluation it read: the owners hear once when a plan turns to failing, from whichever
 * replica wrote that.
 */
export function createPlanEvaluator(
  options: PlanEvaluatorOptions,
): PlanEvaluator {
  const now = options.now ?? (() => new Date());
  return {
    async runOnce() {
      const startedAt = now();
      const listed = await options.store.listPlans();
      const entities = await resolveEntities(options, [
        ...new Set(listed.map(({ plan }) => plan.entityRef)),
      ]);
      const toObserve = listed.map(({ plan }) => {
        const entity = entities.get(plan.entityRef)!;
        const statesRpo =
          !('error' in entity) &&
          planObjectives(entityObjectives(entity.entity), plan).rpo !==
            undefined;
        return { plan, entity, statesRpo };
      });
      const { observations, locations } = await observeLocations(
        options.gateway,
        toObserve,
      );
      const at = now();
      const evaluations = toObserve.map(({ plan, entity }, i) =>
        evaluatePlan({
          plan,
          entity: 'error' in entity ? entity : entityObjectives(entity.entity),
          ...(observations[i] as PlanObservation),
          quotas: options.quotas,
          now: at,
        }),
      );
      const told = await mapInPool(
        listed.map((item, i) => ({ ...item, current: evaluations[i] })),
        WRITES_AT_ONCE,
        ({ plan, evaluation, current }) =>
          record(options, plan, evaluation, current),
      );
      const run = summarizeEvaluationRun(evaluations, {
        startedAt,
        completedAt: now(),
        locations,
      });
      await options.store.recordRun(run);
      return {
        ...run,
        notified: listed
          .filter((_, i) => told[i])
          .map(({ plan }) => plan.planId),
      };
    },
  };
}
