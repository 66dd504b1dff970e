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
  RecoveryInstanceObservation,
  StatusTransition,
} from './types';
export { DEFAULT_LAUNCH_LEASE_SECONDS } from './types';
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
