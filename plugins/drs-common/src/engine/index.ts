export type {
  Decision,
  DrsJobObservation,
  DrsObservations,
  EngineCommand,
  EngineSettings,
  NotifiedExecutionStatus,
  RecoveryInstanceObservation,
  StatusTransition,
} from './types';
export {
  DEFAULT_LAUNCH_LEASE_SECONDS,
  NOTIFIED_EXECUTION_STATUSES,
} from './types';
export { decide } from './decide';
export { deepEqual, deepFreeze } from './plainData';
export { observationNeeds } from './needs';
export {
  recordObservationError,
  recordTerminateRefused,
  recordTerminateStarted,
  recordWaveAwaitingCapacity,
  recordWaveLaunched,
  recordWaveLaunchRejected,
} from './records';
export {
  ExecutionRequestError,
  requestCancel,
  requestResume,
  requestTerminate,
} from './requests';
export type { ExecutionRequestErrorCode } from './requests';
export {
  LEGAL_EXECUTION_TRANSITIONS,
  LEGAL_SERVER_TRANSITIONS,
  LEGAL_WAVE_TRANSITIONS,
  assertLegalTransitions,
  isLegalTransition,
  statusTransitions,
} from './transitions';
export { START_WAVE_TAG_EXECUTION_ID, START_WAVE_TAG_WAVE } from './progress';
export {
  hasReachedWaitFor,
  recoveryInstanceIds,
  wavesAwaitingApproval,
} from './waves';
