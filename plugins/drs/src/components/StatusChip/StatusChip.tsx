import { ComponentType, ReactNode } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';

const statusKinds: Record<string, ComponentType<{ children?: ReactNode }>> = {
  // execution, wave and server statuses
  COMPLETED: StatusOK,
  HEALTHY: StatusOK,
  LAUNCHED: StatusOK,
  POLLING: StatusRunning,
  STARTED: StatusRunning,
  LAUNCHING: StatusRunning,
  CANCELLING: StatusRunning,
  PENDING: StatusPending,
  NOT_STARTED: StatusPending,
  PAUSED: StatusWarning,
  FAILED: StatusError,
  TIMED_OUT: StatusError,
  CANCELLED: StatusAborted,
  // step statuses
  RUNNING: StatusRunning,
  SUCCEEDED: StatusOK,
  SKIPPED: StatusAborted,
  // DRS replication states
  CONTINUOUS: StatusOK,
  INITIAL_SYNC: StatusRunning,
  INITIATING: StatusRunning,
  BACKLOG: StatusWarning,
  CREATING_SNAPSHOT: StatusRunning,
  RESCAN: StatusWarning,
  PAUSED_REPLICATION: StatusWarning,
  STALLED: StatusError,
  DISCONNECTED: StatusError,
  STOPPED: StatusAborted,
};

/** A status with Backstage's colour and icon for it; unknown values show as pending. */
export function StatusChip({ status }: { status: string }) {
  const Kind = statusKinds[status] ?? StatusPending;
  // A status is one word: in a narrow column it must not break mid-word ("COMPLET / ED").
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Kind>{status}</Kind>
    </span>
  );
}
