/**
 * The execution state machine, for the backend's engine: (execution, DRS, SSM and EC2
 * observations, now) → (new execution, commands), and the records of what the engine's calls did.
 *
 * @packageDocumentation
 */
export type {
  AutomationExecutionObservation,
  Decision,
  DrsJobObservation,
  DrsObservations,
  EngineCommand,
  EngineSettings,
  InstanceStatusObservation,
  NotifiedExecutionStatus,
  RecoveryInstanceObservation,
  StartAutomationCommand,
  StatusTransition,
  StepRef,
  StopAutomationCommand,
} from './types';
export type {
  ReversedServerObservation,
  ReverseReplicationCommand,
} from './reverseTypes';
// The shared vocabulary the engine's signatures use, also exported by the main entry point,
// so that this one is complete on its own.
export {
  DRILL_CLEANUP_STATUSES,
  DRS_LAUNCH_STATUSES,
  EXECUTION_MODES,
  EXECUTION_STATUSES,
  PLAN_MODES,
  REVERSE_REPLICATION_STATUSES,
  SERVER_STATUSES,
  STEP_STATUSES,
  WAIT_FOR_VALUES,
  WAVE_STATUSES,
} from '../statuses';
export type {
  DrillCleanupStatus,
  DrsLaunchStatus,
  ExecutionMode,
  ExecutionStatus,
  PlanMode,
  ReverseReplicationStatus,
  ServerStatus,
  StepStatus,
  WaitFor,
  WaveStatus,
} from '../statuses';
export type {
  Ec2StatusChecks,
  Execution,
  ExecutionObjectives,
  ExecutionRequests,
  ExecutionServer,
  ExecutionWave,
  JobLogEvent,
  PollingMetadata,
} from '../executionTypes';
export type { StatedObjective } from '../objectiveDurations';
export type {
  ExecutionLineage,
  FailbackRequest,
  ReversedServer,
  ReverseReplicationRequest,
} from '../failbackTypes';
export { STEP_FAILURE_POLICIES, STEP_PHASES, STEP_TYPES } from '../stepTypes';
export type {
  DrillCleanup,
  ExecutionApprovalStep,
  ExecutionAutomationStep,
  ExecutionStep,
  ExecutionStepBase,
  ExecutionWaitStep,
  StepFailurePolicy,
  StepPhase,
  StepType,
} from '../stepTypes';
export type { PointInTimeChoice } from '../recoveryPoints';
export {
  DEFAULT_LAUNCH_LEASE_SECONDS,
  NOTIFIED_EXECUTION_STATUSES,
} from './types';
export { decide } from './decide';
export { deepEqual, deepFreeze } from './plainData';
export { observationNeeds } from './needs';
export { DRS_ENGINE_PRINCIPAL, needsEngineAfterEnd } from './cleanup';
export { START_AUTOMATION_TAG_STEP } from './automation';
export { recordAutomationStart } from './stepRecords';
export type { AutomationStartAnswer } from './stepRecords';
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
export { requestFailback, requestReverseReplication } from './wayBackRequests';
export { isReverseReplicationInFlight } from './reverseReplication';
export {
  parseSourceServerArn,
  recordReverseReplicationRefused,
  recordReverseReplicationStarted,
} from './reverseRecords';
export { START_WAVE_TAG_EXECUTION_ID, START_WAVE_TAG_WAVE } from './launch';
export { recoveryInstanceIds } from './waves';
