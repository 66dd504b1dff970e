import { useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  effectiveDependencies,
  hasErrors,
  PlanIssue,
  RecoveryPlan,
  RecoveryPlanInput,
} from '@drs-orchestration/plugin-drs-common';
import { drsApiRef } from '../../api';
import { DraftEdits, draftEdits } from './draftEdits';
import {
  DraftWave,
  draftOf,
  inputOf,
  PlanDraft,
  waveInputOf,
  waveOfServer,
} from './planDraft';
import {
  checkDraft,
  checkPlan,
  groupIssues,
  IssuesByField,
  issuesOfError,
} from './planIssues';

export interface PlanDraftEditor extends DraftEdits {
  draft: PlanDraft;
  /** The waves each wave starts after, by wave index. */
  startsAfter: string[][];
  /** The wave each server is in, by source server ID. */
  waveOfServer: Map<string, DraftWave>;
  /** Keys of the expanded waves. */
  expanded: Set<number>;
  setWaveExpanded: (key: number, isExpanded: boolean) => void;
  /** What the last save or check found, at the fields it concerns. */
  issues: IssuesByField;
  /** The last save or check failed with this. */
  error?: Error;
  /** The last check against DRS found nothing. */
  checkedClean: boolean;
  /** A save or check is on its way. */
  busy: boolean;
  save: () => Promise<void>;
  checkAgainstDrs: () => Promise<void>;
}

/** Which waves are expanded, by key. */
function useExpandedWaves(initialKeys: () => number[]) {
  const [expanded, setExpanded] = useState(() => new Set(initialKeys()));
  const setWaveExpanded = (key: number, isExpanded: boolean) =>
    setExpanded(current => {
      const next = new Set(current);
      if (isExpanded) next.add(key);
      else next.delete(key);
      return next;
    });
  const expandWaves = (keys: number[]) =>
    setExpanded(current => new Set([...current, ...keys]));
  return { expanded, setWaveExpanded, expandWaves };
}

/** The issues the last save or check found; showing them expands the waves they concern. */
function useShownIssues(
  waves: DraftWave[],
  expandWaves: (keys: number[]) => void,
) {
  const [issues, setIssues] = useState<PlanIssue[]>([]);
  const grouped = useMemo(() => groupIssues(issues), [issues]);
  const showIssues = (found: PlanIssue[]) => {
    setIssues(found);
    expandWaves(
      Object.keys(groupIssues(found).waves).flatMap(index => {
        const wave = waves[Number(index)];
        return wave ? [wave.key] : [];
      }),
    );
  };
  return { issues: grouped, showIssues, clearIssues: () => setIssues([]) };
}

/**
 * A plan being created or edited: the draft and its edits, and the save and the check against
 * DRS, each run through the shared rules first and showing what they find at its field.
 */
export function usePlanDraft({
  entityRef,
  plan,
  onSaved,
}: {
  entityRef: string;
  /** The plan to edit; a new plan when absent. */
  plan?: RecoveryPlan;
  onSaved: (plan: RecoveryPlan) => void;
}): PlanDraftEditor {
  const drsApi = useApi(drsApiRef);
  const [draft, setDraft] = useState(() => draftOf(plan));
  // a new plan opens its first wave; a saved one opens collapsed, since it may be large
  const { expanded, setWaveExpanded, expandWaves } = useExpandedWaves(() =>
    plan ? [] : draft.waves.map(wave => wave.key),
  );
  const { issues, showIssues, clearIssues } = useShownIssues(
    draft.waves,
    expandWaves,
  );
  const [checkedClean, setCheckedClean] = useState(false);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  const owners = useMemo(() => waveOfServer(draft.waves), [draft.waves]);
  const startsAfter = useMemo(
    () => effectiveDependencies(draft.waves.map(waveInputOf)),
    [draft.waves],
  );

  /** Runs the shared rules first; only a plan that passes them goes to the backend. */
  const submit = async (send: (input: RecoveryPlanInput) => Promise<void>) => {
    const input = inputOf(draft);
    setError(undefined);
    setCheckedClean(false);
    const local = [...checkPlan(input), ...checkDraft(draft)];
    if (hasErrors(local)) {
      showIssues(local);
      return;
    }
    setBusy(true);
    try {
      await send(input);
    } catch (e) {
      setError(e as Error);
      showIssues(issuesOfError(e as Error));
    } finally {
      setBusy(false);
    }
  };

  return {
    draft,
    ...draftEdits(draft, setDraft, clearIssues, wave =>
      setWaveExpanded(wave.key, true),
    ),
    startsAfter,
    waveOfServer: owners,
    expanded,
    setWaveExpanded,
    issues,
    error,
    checkedClean,
    busy,
    save: () =>
      submit(async input => {
        const saved = plan
          ? await drsApi.updatePlan(entityRef, plan.planId, input, plan.version)
          : await drsApi.createPlan(entityRef, input);
        onSaved(saved);
      }),
    checkAgainstDrs: () =>
      submit(async input => {
        const found = await drsApi.validatePlan(entityRef, input);
        showIssues(found);
        setCheckedClean(found.length === 0);
      }),
  };
}
