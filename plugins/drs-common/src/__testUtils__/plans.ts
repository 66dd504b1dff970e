import { PlanWave, RecoveryPlan } from '../types';
import { ago } from './points';

/** A plan wave as a person writes one, with the defaults filled in. */
export function planWave(name: string, sourceServerIds: string[]): PlanWave {
  return {
    name,
    sourceServerIds,
    waitFor: 'LAUNCHED',
    pauseBefore: false,
    dependsOn: [],
  };
}

/** A saved plan of these waves, of the checkout service. */
export function savedPlan(waves: PlanWave[]): RecoveryPlan {
  return {
    planId: 'plan-1',
    entityRef: 'component:default/checkout',
    name: 'Checkout',
    description: '',
    defaultMode: 'DRILL',
    timeoutMinutes: 60,
    waves,
    createdAt: ago(86400),
    createdBy: 'user:default/ana',
    updatedAt: ago(86400),
    updatedBy: 'user:default/ana',
    version: 1,
  };
}
