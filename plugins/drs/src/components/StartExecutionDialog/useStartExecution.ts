import { useCallback, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Execution,
  ExecutionMode,
  hasErrors,
  PointInTimeChoice,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import {
  drsApiRef,
  newIdempotencyKey,
  PreflightRequest,
  SavedPlanPreflight,
} from '../../api';
import { DrsPermissions } from '../../hooks/useDrsPermissions';
import { LiveData, NO_SIGNALS, useLiveData } from '../../hooks/useLiveData';

const never = () => false;
const LATEST: PointInTimeChoice = { type: 'latest' };

/**
 * The window a person acknowledges: the worst one, rounded up to whole minutes. It grows by
 * the second while a source is down, so an exact figure would be outdated by the click.
 */
function windowToAcknowledge(worstDataLossSeconds: number): number {
  return Math.max(60, Math.ceil(worstDataLossSeconds / 60) * 60);
}

/** The start's choices as pre-flight and the start request take them. */
function startChoices(
  mode: ExecutionMode,
  pointInTime: PointInTimeChoice,
  allowDegradedReplication: boolean,
): PreflightRequest & { mode: ExecutionMode } {
  return {
    mode,
    // absent means DRS's latest
    ...(pointInTime.type !== 'latest' && { pointInTime }),
    ...(mode === 'DRILL' &&
      allowDegradedReplication && { allowDegradedReplication: true }),
  };
}

export interface StartExecution {
  mode: ExecutionMode;
  setMode: (mode: ExecutionMode) => void;
  pointInTime: PointInTimeChoice;
  setPointInTime: (pointInTime: PointInTimeChoice) => void;
  /** A drill's consent to launch servers whose replication is not healthy. */
  allowDegradedReplication: boolean;
  setAllowDegradedReplication: (allow: boolean) => void;
  /** A recovery needs the plan's name typed in. */
  needsConfirmation: boolean;
  /** What was typed to confirm a recovery. */
  confirmation: string;
  setConfirmation: (confirmation: string) => void;
  /** The saved plan checked for these choices against what DRS reports now. */
  preflight: LiveData<SavedPlanPreflight>;
  /**
   * The worst data-loss window of the checked start in seconds, rounded up to whole minutes;
   * what a recovery acknowledges. Absent while unknown.
   */
  dataLossWindow?: number;
  /** The person acknowledged `dataLossWindow` as the pre-flight check last measured it. */
  dataLossAccepted: boolean;
  setDataLossAccepted: (accepted: boolean) => void;
  /** The check passed, a recovery is confirmed and its window accepted, no start is on its way. */
  canLaunch: boolean;
  launching: boolean;
  /** The last start failed with this. */
  error?: Error;
  launch: () => Promise<void>;
}

/**
 * Starting a plan: a drill by default, a recovery only once confirmed and its data loss
 * accepted, and nothing while the pre-flight check finds errors, could not run or is rerun.
 */
export function useStartExecution({
  entityRef,
  plan,
  permissions,
  onStarted,
}: {
  entityRef: string;
  plan: RecoveryPlan;
  permissions: Pick<DrsPermissions, 'canStartDrill'>;
  onStarted: (execution: Execution) => void;
}): StartExecution {
  const drsApi = useApi(drsApiRef);
  const [mode, setMode] = useState<ExecutionMode>(
    permissions.canStartDrill ? 'DRILL' : 'RECOVERY',
  );
  const [pointInTime, setPointInTime] = useState(LATEST);
  const [allowDegradedReplication, setAllowDegradedReplication] =
    useState(false);
  const [confirmation, setConfirmation] = useState('');
  // the pre-flight answer whose window was acknowledged: a rerun needs acknowledging again
  const [acknowledged, setAcknowledged] = useState<SavedPlanPreflight>();
  // one key per opened dialog: a double click or a retry after a timeout never starts twice
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [launching, setLaunching] = useState(false);
  const [error, setError] = useState<Error>();

  const choices = useMemo(
    () => startChoices(mode, pointInTime, allowDegradedReplication),
    [mode, pointInTime, allowDegradedReplication],
  );
  const preflight = useLiveData(
    useCallback(
      () => drsApi.validateSavedPlan(entityRef, plan.planId, choices),
      [drsApi, entityRef, plan.planId, choices],
    ),
    { signal: NO_SIGNALS, isActive: never },
  );

  const worst = preflight.value?.worstDataLossSeconds;
  const dataLossWindow =
    worst === undefined ? undefined : windowToAcknowledge(worst);
  const dataLossAccepted =
    dataLossWindow !== undefined && acknowledged === preflight.value;
  const needsConfirmation = mode === 'RECOVERY';
  const confirmed =
    !needsConfirmation || (confirmation === plan.name && dataLossAccepted);
  const canLaunch =
    preflight.value !== undefined &&
    !preflight.loading &&
    !hasErrors(preflight.value.issues) &&
    confirmed &&
    !launching;

  const launch = async () => {
    setLaunching(true);
    setError(undefined);
    try {
      onStarted(
        await drsApi.startExecution(entityRef, plan.planId, {
          ...choices,
          idempotencyKey,
          ...(mode === 'RECOVERY' && {
            acceptDataLossSeconds: dataLossWindow,
          }),
        }),
      );
    } catch (e) {
      setError(e as Error);
      setLaunching(false);
      // the backend saw other figures than the dialog shows (a window grew, a server stalled)
      if (e instanceof ResponseError) preflight.refresh();
    }
  };

  return {
    mode,
    setMode,
    pointInTime,
    setPointInTime,
    allowDegradedReplication,
    setAllowDegradedReplication,
    needsConfirmation,
    confirmation,
    setConfirmation,
    preflight,
    dataLossWindow,
    dataLossAccepted,
    setDataLossAccepted: accepted =>
      setAcknowledged(accepted ? preflight.value : undefined),
    canLaunch,
    launching,
    error,
    launch,
  };
}
