import { randomUUID } from 'crypto';
import { InputError } from '@backstage/errors';
import {
  DrsQuotas,
  hasErrors,
  PlanIssue,
  preflightPlan,
  RecoveryPlan,
  RecoveryPlanInput,
  validatePlanStructure,
} from '@drs-orchestration/plugin-drs-common';
import { PlanStore } from '../DynamoStore/PlanStore';
import { DrsGateway } from '../DrsGateway/types';
import { ResolvedEntity } from '../EntityResolver/createEntityResolver';

/** A 400 that carries every issue, each located at the field it concerns. */
export class PlanValidationError extends InputError {
  constructor(readonly issues: PlanIssue[]) {
    super(
      `The plan is not valid: ${issues
        .filter(i => i.severity === 'error')
        .map(i => `${i.path}: ${i.message}`)
        .join('; ')}`,
    );
  }
}

export interface PlanService {
  list(entity: ResolvedEntity): Promise<RecoveryPlan[]>;
  get(entity: ResolvedEntity, planId: string): Promise<RecoveryPlan>;
  create(
    entity: ResolvedEntity,
    input: RecoveryPlanInput,
    by: string,
  ): Promise<RecoveryPlan>;
  update(
    entity: ResolvedEntity,
    planId: string,
    input: RecoveryPlanInput,
    expectedVersion: number,
    by: string,
  ): Promise<RecoveryPlan>;
  delete(
    entity: ResolvedEntity,
    planId: string,
    expectedVersion: number,
  ): Promise<void>;
  /** Pre-flight against what DRS reports now: the issues, errors and warnings alike. */
  validate(
    entity: ResolvedEntity,
    plan: RecoveryPlanInput,
  ): Promise<PlanIssue[]>;
}

export function createPlanService(options: {
  store: PlanStore;
  gateway: DrsGateway;
  quotas: DrsQuotas;
}): PlanService {
  const { store, gateway, quotas } = options;

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

    async validate(entity, plan) {
      const servers = await gateway.describeSourceServers(
        entity.location,
        entity.selector,
      );
      return preflightPlan(plan, servers, quotas);
    },
  };
}
