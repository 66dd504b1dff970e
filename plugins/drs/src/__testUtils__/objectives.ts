import { DrObjectives } from '@drs-orchestration/plugin-drs-common';

/** Objectives as the backend answers them: an RTO and an RPO with these standings. */
export function objectivesFixture(
  rto: DrObjectives['status'],
  rpo: DrObjectives['status'],
  overrides: Partial<DrObjectives> = {},
): DrObjectives {
  return {
    rto: {
      status: rto as 'met',
      objective: 'PT1H',
      objectiveSeconds: 3600,
      source: 'entity',
      measuredSeconds: 2550,
      reason: `RTO reason ${rto}`,
    },
    rpo: {
      status: rpo as 'met',
      objective: 'PT15M',
      objectiveSeconds: 900,
      source: 'plan',
      serverCount: 4,
      reason: `RPO reason ${rpo}`,
    },
    plans: [],
    problems: [],
    status: rto,
    ...overrides,
  };
}
