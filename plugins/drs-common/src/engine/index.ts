/**
 * The execution state machine, for the backend's engine: (execution, DRS observations, now) →
 * (new execution, commands), and the records of what the engine's DRS calls did.
 *
 * @packageDocumentation
 */
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
// The shared vocabulary the engine's signatures use, also exported by the main entry point,
// so that this one is complete on its own.
export {
  DRS_LAUNCH_STATUSES,
  EXECUTION_MODES,
  EXECUTION_STATUSES,
  SERVER_STATUSES,
  WAIT_FOR_VALUES,
  WAVE_STATUSES,
} from '../statuses';
export type {
  DrsLaunchStatus,
  ExecutionMode,
  ExecutionStatus,
  ServerStatus,
  WaitFor,
  WaveStatus,
} from '../statuses';
export type {
  Execution,
  ExecutionRequests,
  ExecutionServer,
  ExecutionWave,
  JobLogEvent,
  PollingMetadata,
} from '../executionTypes';
export type { PointInTimeChoice } from '../recoveryPoints';
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
export { START_WAVE_TAG_EXECUTION_ID, START_WAVE_TAG_WAVE } from './progress';
export { recoveryInstanceIds } from './waves';
