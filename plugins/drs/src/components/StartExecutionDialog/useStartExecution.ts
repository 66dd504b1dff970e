import { useCallback, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  Execution,
  ExecutionMode,
  hasErrors,
  PlanIssue,
  RecoveryPlan,
} from '@drs-orchestration/plugin-drs-common';
import { drsApiRef, newIdempotencyKey } from '../../api';
import { DrsPermissions } from '../../hooks/useDrsPermissions';
import { LiveData, NO_SIGNALS, useLiveData } from '../../hooks/useLiveData';

const never = () => false;

export interface StartExecution {
  mode: ExecutionMode;
  setMode: (mode: ExecutionMode) => void;
  /** A recovery needs the plan's name typed in. */
  needsConfirmation: boolean;
  /** What was typed to confirm a recovery. */
  confirmation: string;
  setConfirmation: (confirmation: string) => void;
  /** The saved plan checked against what DRS reports now. */
  preflight: LiveData<PlanIssue[]>;
  /** The check passed, a recovery is confirmed, and no start is on its way. */
  canLaunch: boolean;
  launching: boolean;
  /** The last start failed with this. */
  error?: Error;
  launch: () => Promise<void>;
}

/**
 * Starting a plan: a drill by default, a recovery only once confirmed, and nothing while the
 * pre-flight check finds errors or could not run.
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
  const [confirmation, setConfirmation] = useState('');
  // one key per opened dialog: a double click or a retry after a timeout never starts twice
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [launching, setLaunching] = useState(false);
  const [error, setError] = useState<Error>();

  const preflight = useLiveData(
    useCallback(
      () => drsApi.validateSavedPlan(entityRef, plan.planId),
      [drsApi, entityRef, plan.planId],
    ),
    { signal: NO_SIGNALS, isActive: never },
  );

  const needsConfirmation = mode === 'RECOVERY';
  const confirmed = !needsConfirmation || confirmation === plan.name;
  const canLaunch =
    preflight.value !== undefined &&
    !hasErrors(preflight.value) &&
    confirmed &&
    !launching;

  const launch = async () => {
    setLaunching(true);
    setError(undefined);
    try {
      onStarted(
        await drsApi.startExecution(entityRef, plan.planId, {
          mode,
          idempotencyKey,
        }),
      );
    } catch (e) {
      setError(e as Error);
      setLaunching(false);
    }
  };

  return {
    mode,
    setMode,
    needsConfirmation,
    confirmation,
    setConfirmation,
    preflight,
    canLaunch,
    launching,
    error,
    launch,
  };
}
