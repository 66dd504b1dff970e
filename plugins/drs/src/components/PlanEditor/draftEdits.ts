import { Dispatch, SetStateAction } from 'react';
import { StepPhase } from '@drs-orchestration/plugin-drs-common';
import { addStep, DraftStep, StepChange } from './draftSteps';
import { moveItem, patchItem, removeItem } from './listEdits';
import {
  addWave,
  DraftWave,
  PlanDraft,
  PlanFields,
  removeWave,
  stepNames,
  toggleServer,
  updateSteps,
  updateWave,
  WaveChange,
} from './planDraft';

/** Edits of the steps of one phase of one wave. */
export interface StepEdits {
  /** Adds an automation step at the end. */
  add: () => void;
  change: (index: number, change: StepChange) => void;
  move: (index: number, offset: -1 | 1) => void;
  remove: (index: number) => void;
}

/** Edits of a plan draft, each made on the draft as it is when applied. */
export interface DraftEdits {
  changeFields: (change: Partial<PlanFields>) => void;
  changeWave: (index: number, change: WaveChange) => void;
  toggleServer: (index: number, sourceServerId: string) => void;
  moveWave: (index: number, offset: -1 | 1) => void;
  removeWave: (index: number) => void;
  /** Adds a wave at the end, expanded. */
  addWave: () => void;
  stepEdits: (waveIndex: number, phase: StepPhase) => StepEdits;
}

/**
 * The edits of a draft. Issues name waves and steps by index: edits that move or remove them
 * call `onReorder`, since the issues found would then point at the wrong wave or step.
 */
export function draftEdits(
  draft: PlanDraft,
  setDraft: Dispatch<SetStateAction<PlanDraft>>,
  onReorder: () => void,
  onWaveAdded: (wave: DraftWave) => void,
): DraftEdits {
  const setWaves = (waves: DraftWave[]) =>
    setDraft(current => ({ ...current, waves }));
  const reorderWaves = (waves: DraftWave[]) => {
    setWaves(waves);
    onReorder();
  };
  const stepEdits = (waveIndex: number, phase: StepPhase): StepEdits => {
    const setSteps = (update: (steps: DraftStep[]) => DraftStep[]) =>
      setWaves(updateSteps(draft.waves, waveIndex, phase, update));
    return {
      add: () =>
        setSteps(steps => addStep(steps, stepNames(draft.waves[waveIndex]))),
      change: (index, change) =>
        setSteps(steps => patchItem<DraftStep>(steps, index, change)),
      move: (index, offset) => {
        setSteps(steps => moveItem(steps, index, offset));
        onReorder();
      },
      remove: index => {
        setSteps(steps => removeItem(steps, index));
        onReorder();
      },
    };
  };
  return {
    changeFields: change => setDraft(current => ({ ...current, ...change })),
    changeWave: (index, change) =>
      setWaves(updateWave(draft.waves, index, change)),
    toggleServer: (index, sourceServerId) =>
      setWaves(toggleServer(draft.waves, index, sourceServerId)),
    moveWave: (index, offset) =>
      reorderWaves(moveItem(draft.waves, index, offset)),
    removeWave: index => reorderWaves(removeWave(draft.waves, index)),
    addWave: () => {
      const waves = addWave(draft.waves);
      reorderWaves(waves);
      onWaveAdded(waves[waves.length - 1]);
    },
    stepEdits,
  };
}
