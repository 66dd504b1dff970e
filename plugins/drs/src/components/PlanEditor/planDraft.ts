import {
  DEFAULT_TIMEOUT_MINUTES,
  DrillCleanupPolicy,
  DrillSchedule,
  PlanWave,
  StepPhase,
  RecoveryPlan,
  RecoveryPlanInput,
} from '@drs-orchestration/plugin-drs-common';
import { DraftStep, draftStepOf, stepInputOf } from './draftSteps';
import { nextKey, patchItem, removeItem, unusedName } from './listEdits';

/** A wave being edited; `key` keeps its identity (expanded or not) while waves move. */
export interface DraftWave
  extends Omit<PlanWave, 'before' | 'after' | 'healthTimeoutSeconds'> {
  key: number;
  before: DraftStep[];
  after: DraftStep[];
  /** Absent: the default; kept while the wave waits for LAUNCHED, but only sent for HEALTHY. */
  healthTimeoutSeconds?: number;
}

export type WaveChange = Partial<Omit<DraftWave, 'key'>>;

/** When a drill's recovery instances are terminated. */
export type DrillCleanupChoice = 'never' | 'atOnce' | 'afterKeepAlive';

/** The choice is kept apart from the keep-alive, so typing a 0 in it does not change the choice. */
export interface DraftDrillCleanup {
  choice: DrillCleanupChoice;
  keepAliveSeconds: number;
}

/** The keep-alive offered first: long enough to look at a drill's instances. */
export const DEFAULT_KEEP_ALIVE_SECONDS = 2 * 60 * 60;

/** How drills start by themselves: never, by a cron expression, or at an interval. */
export type DrillScheduleKind = 'none' | 'cron' | 'every';

/** Both expressions are kept while the kind changes, so switching back loses nothing. */
export interface DraftDrillSchedule {
  kind: DrillScheduleKind;
  cron: string;
  every: string;
  timeZone: string;
  enabled: boolean;
}

/** The plan's own fields, without its waves; an objective left empty is the entity's. */
export interface PlanFields
  extends Omit<
    RecoveryPlanInput,
    'waves' | 'drillCleanup' | 'rto' | 'rpo' | 'drillSchedule'
  > {
  drillCleanup: DraftDrillCleanup;
  drillSchedule: DraftDrillSchedule;
  rto: string;
  rpo: string;
}

export interface PlanDraft extends PlanFields {
  waves: DraftWave[];
}

function draftWaveOf(wave: PlanWave): DraftWave {
  return {
    ...wave,
    key: nextKey(),
    before: (wave.before ?? []).map(draftStepOf),
    after: (wave.after ?? []).map(draftStepOf),
  };
}

function draftCleanupOf(policy?: DrillCleanupPolicy): DraftDrillCleanup {
  if (!policy) {
    return { choice: 'never', keepAliveSeconds: DEFAULT_KEEP_ALIVE_SECONDS };
  }
  return {
    choice: policy.keepAliveSeconds === 0 ? 'atOnce' : 'afterKeepAlive',
    keepAliveSeconds: policy.keepAliveSeconds || DEFAULT_KEEP_ALIVE_SECONDS,
  };
}

/** The viewer's zone, offered for a new schedule. */
function localZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function draftScheduleOf(schedule?: DrillSchedule): DraftDrillSchedule {
  if (!schedule) {
    return {
      kind: 'none',
      cron: '0 3 * * 1',
      every: 'P30D',
      timeZone: localZone(),
      enabled: true,
    };
  }
  return {
    kind: schedule.cron !== undefined ? 'cron' : 'every',
    cron: schedule.cron ?? '0 3 * * 1',
    every: schedule.every ?? 'P30D',
    timeZone: schedule.timeZone,
    enabled: schedule.enabled,
  };
}

function scheduleInputOf({
  kind,
  cron,
  every,
  timeZone,
  enabled,
}: DraftDrillSchedule): Pick<RecoveryPlanInput, 'drillSchedule'> {
  if (kind === 'none') return {};
  return {
    drillSchedule: {
      ...(kind === 'cron' ? { cron: cron.trim() } : { every: every.trim() }),
      timeZone: timeZone.trim(),
      enabled,
    },
  };
}

export function draftOf(plan?: RecoveryPlan): PlanDraft {
  if (plan) {
    const { name, description, defaultMode, timeoutMinutes, waves } = plan;
    return {
      name,
      description,
      defaultMode,
      timeoutMinutes,
      drillCleanup: draftCleanupOf(plan.drillCleanup),
      drillSchedule: draftScheduleOf(plan.drillSchedule),
      rto: plan.rto ?? '',
      rpo: plan.rpo ?? '',
      waves: waves.map(draftWaveOf),
    };
  }
  return {
    name: '',
    description: '',
    defaultMode: 'DRILL',
    timeoutMinutes: DEFAULT_TIMEOUT_MINUTES,
    drillCleanup: draftCleanupOf(undefined),
    drillSchedule: draftScheduleOf(undefined),
    rto: '',
    rpo: '',
    waves: addWave([]),
  };
}

function cleanupInputOf({
  choice,
  keepAliveSeconds,
}: DraftDrillCleanup): Pick<RecoveryPlanInput, 'drillCleanup'> {
  if (choice === 'never') return {};
  return {
    drillCleanup: {
      keepAliveSeconds: choice === 'atOnce' ? 0 : keepAliveSeconds,
    },
  };
}

export function waveInputOf({
  key: _key,
  before,
  after,
  healthTimeoutSeconds,
  ...wave
}: DraftWave): PlanWave {
  return {
    ...wave,
    ...(before.length > 0 ? { before: before.map(stepInputOf) } : {}),
    ...(after.length > 0 ? { after: after.map(stepInputOf) } : {}),
    // the field shows only for HEALTHY waves: a value left from before is not sent
    ...(wave.waitFor === 'HEALTHY' && healthTimeoutSeconds !== undefined
      ? { healthTimeoutSeconds }
      : {}),
  };
}

export function inputOf({
  waves,
  drillCleanup,
  drillSchedule,
  rto,
  rpo,
  ...fields
}: PlanDraft): RecoveryPlanInput {
  return {
    ...fields,
    ...cleanupInputOf(drillCleanup),
    ...scheduleInputOf(drillSchedule),
    ...(rto.trim() ? { rto: rto.trim() } : {}),
    ...(rpo.trim() ? { rpo: rpo.trim() } : {}),
    waves: waves.map(waveInputOf),
  };
}

export function addWave(waves: DraftWave[]): DraftWave[] {
  return [
    ...waves,
    draftWaveOf({
      name: unusedName(
        'Wave',
        waves.map(wave => wave.name),
        waves.length + 1,
      ),
      sourceServerIds: [],
      waitFor: 'LAUNCHED',
      pauseBefore: false,
      dependsOn: [],
    }),
  ];
}

/** Removes a wave, and the other waves' dependencies on it. */
export function removeWave(waves: DraftWave[], index: number): DraftWave[] {
  const removed = waves[index].name;
  return removeItem(waves, index).map(wave => ({
    ...wave,
    dependsOn: wave.dependsOn.filter(name => name !== removed),
  }));
}

/** Changes a wave; a rename follows into the other waves' dependencies. */
export function updateWave(
  waves: DraftWave[],
  index: number,
  change: WaveChange,
): DraftWave[] {
  const oldName = waves[index].name;
  const newName = change.name ?? oldName;
  return waves.map((wave, i) => {
    if (i === index) return { ...wave, ...change };
    if (newName === oldName) return wave;
    return {
      ...wave,
      dependsOn: wave.dependsOn.map(name =>
        name === oldName ? newName : name,
      ),
    };
  });
}

export function toggleServer(
  waves: DraftWave[],
  index: number,
  sourceServerId: string,
): DraftWave[] {
  const ids = waves[index].sourceServerIds;
  return updateWave(waves, index, {
    sourceServerIds: ids.includes(sourceServerId)
      ? ids.filter(id => id !== sourceServerId)
      : [...ids, sourceServerId],
  });
}

/** The wave each server is in, by source server ID. */
export function waveOfServer(waves: DraftWave[]): Map<string, DraftWave> {
  const owners = new Map<string, DraftWave>();
  for (const wave of waves) {
    for (const id of wave.sourceServerIds) {
      if (!owners.has(id)) owners.set(id, wave);
    }
  }
  return owners;
}

/** Changes the steps of one phase of a wave. */
export function updateSteps(
  waves: DraftWave[],
  index: number,
  phase: StepPhase,
  update: (steps: DraftStep[]) => DraftStep[],
): DraftWave[] {
  return patchItem(waves, index, { [phase]: update(waves[index][phase]) });
}

/** The names of a wave's steps, before and after: each is unique in its wave. */
export function stepNames(wave: DraftWave): string[] {
  return [...wave.before, ...wave.after].map(step => step.name);
}
