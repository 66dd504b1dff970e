import {
  DEFAULT_TIMEOUT_MINUTES,
  PlanWave,
  RecoveryPlan,
  RecoveryPlanInput,
} from '@drs-orchestration/plugin-drs-common';

/** A wave being edited; `key` keeps its identity (expanded or not) while waves move. */
export interface DraftWave extends PlanWave {
  key: number;
}

/** The plan's own fields, without its waves. */
export type PlanFields = Omit<RecoveryPlanInput, 'waves'>;

export interface PlanDraft extends PlanFields {
  waves: DraftWave[];
}

let lastKey = 0;

function withKey(wave: PlanWave): DraftWave {
  lastKey += 1;
  return { ...wave, key: lastKey };
}

function unusedWaveName(waves: PlanWave[]): string {
  const names = new Set(waves.map(wave => wave.name));
  let n = waves.length + 1;
  while (names.has(`Wave ${n}`)) n += 1;
  return `Wave ${n}`;
}

export function draftOf(plan?: RecoveryPlan): PlanDraft {
  if (plan) {
    const { name, description, defaultMode, timeoutMinutes, waves } = plan;
    return {
      name,
      description,
      defaultMode,
      timeoutMinutes,
      waves: waves.map(withKey),
    };
  }
  return {
    name: '',
    description: '',
    defaultMode: 'DRILL',
    timeoutMinutes: DEFAULT_TIMEOUT_MINUTES,
    waves: addWave([]),
  };
}

export function inputOf(draft: PlanDraft): RecoveryPlanInput {
  return {
    ...draft,
    waves: draft.waves.map(({ key: _key, ...wave }) => wave),
  };
}

export function addWave(waves: DraftWave[]): DraftWave[] {
  return [
    ...waves,
    withKey({
      name: unusedWaveName(waves),
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
  return waves
    .filter((_, i) => i !== index)
    .map(wave => ({
      ...wave,
      dependsOn: wave.dependsOn.filter(name => name !== removed),
    }));
}

export function moveWave(
  waves: DraftWave[],
  index: number,
  offset: -1 | 1,
): DraftWave[] {
  const target = index + offset;
  if (target < 0 || target >= waves.length) return waves;
  const moved = [...waves];
  [moved[index], moved[target]] = [moved[target], moved[index]];
  return moved;
}

/** Changes a wave; a rename follows into the other waves' dependencies. */
export function updateWave(
  waves: DraftWave[],
  index: number,
  change: Partial<PlanWave>,
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
