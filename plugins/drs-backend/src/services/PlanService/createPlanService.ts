import { randomUUID } from 'crypto';
import {
  hasErrors,
  RecoveryPlan,
  RecoveryPlanInput,
  validatePlanStructure,
} from '@drs-orchestration/plugin-drs-common';
import { PlanValidationError } from './PlanValidationError';
import { preflightAgainstDrs } from './preflightAgainstDrs';
import { PlanService, PlanServiceOptions } from './types';

export function createPlanService(options: PlanServiceOptions): PlanService {
  const { store, gateway, quotas } = options;
  const clock = options.now ?? (() => new Date());

  const assertValid = (input: RecoveryPlanInput) => {
    const issues = validatePlanStructure(input, quotas);
    if (hasErrors(issues)) throw new PlanValidationError(issues);
  };

  return {
    list: entity => store.listForEntity(entity.entityRef),
    get: (entity, planId) => store.get(entity.entityRef, planId),

    async create(entity, input, by) {
      assertValid(input);
      const now = new Date().toISOString();
      const plan: RecoveryPlan = {
        ...input,
        planId: randomUUID(),
        entityRef: entity.entityRef,
        createdAt: now,
        createdBy: by,
        updatedAt: now,
        updatedBy: by,
        version: 1,
      };
      await store.create(plan);
      return plan;
    },

    async update(entity, planId, input, expectedVersion, by) {
      assertValid(input);
      const current = await store.get(entity.entityRef, planId);
      const plan: RecoveryPlan = {
        ...current,
        ...input,
        // Replaced, not merged: a plan saved without a schedule has none.
        drillSchedule: input.drillSchedule,
        updatedAt: new Date().toISOString(),
        updatedBy: by,
        version: expectedVersion + 1,
      };
      await store.update(plan, expectedVersion);
      return plan;
    },

    async delete(entity, planId, expectedVersion) {
      await store.get(entity.entityRef, planId);
      await store.delete(entity.entityRef, planId, expectedVersion);
    },

    async validate(entity, plan, request = {}) {
      const { preflight } = await preflightAgainstDrs({
        gateway,
        entity,
        plan,
        request,
        quotas,
        now: clock(),
      });
      return preflight;
    },
  };
}
