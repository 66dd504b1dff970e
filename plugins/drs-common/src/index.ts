/**
 * Shared domain of the DRS orchestration plugins, free of I/O: the vocabulary both plugins
 * speak (types, statuses, annotations, permissions, signals), plan validation, DR health and
 * reports. The execution state machine is the backend's alone: `@drs-orchestration/plugin-drs-common/engine`.
 *
 * @packageDocumentation
 */
export {
  ANNOTATION_DRS_ACCOUNT_ID,
  ANNOTATION_DRS_REGION,
  ANNOTATION_DRS_SOURCE_SERVER_IDS,
  ANNOTATION_DRS_SOURCE_SERVER_TAGS,
  getDrsTarget,
  isDrsAvailable,
  matchesSelector,
} from './annotations';
export type { DrsTarget, SourceServerSelector } from './annotations';
export {
  checkDataLossAcceptance,
  DATA_LOSS_ACCEPTANCE_GRACE_SECONDS,
} from './dataLossAcceptance';
export type { DataLossAcceptance } from './dataLossAcceptance';
export {
  newExecution,
  sharedSourceServers,
  worstDataLossSeconds,
} from './executions';
export { wavesAwaitingApproval } from './engine/waves';
export { assessDrHealth } from './health';
export type { DrHealth } from './health';
export {
  drsDrillStartPermission,
  drsExecutionControlPermission,
  drsPermissions,
  drsPlanManagePermission,
  drsReadPermission,
  drsRecoveryStartPermission,
} from './permissions';
export { preflightPlan } from './preflight';
export type { Preflight, PreflightInput } from './preflight';
export {
  LAG_WARNING_SECONDS,
  needsPointsInTime,
  planReadiness,
  serverReadiness,
  worstDataLoss,
} from './readiness';
export type { ReadinessOptions, ServerToAssess } from './readiness';
export type {
  PlanReadiness,
  PointInTimeChoice,
  PointsInTimeRead,
  RecoveryPoint,
  RecoverySnapshot,
  ServerReadiness,
} from './recoveryPoints';
export {
  DATA_REPLICATION_STATES,
  isReplicating,
  isReplicationContinuous,
} from './replication';
export { executionReport, executionReportMarkdown } from './report';
export type { ExecutionReport, WaveReport } from './report';
export { entitySignalChannel } from './signals';
export { withStartChoice } from './startChoice';
export type { StartChoice } from './startChoice';
export type { ExecutionChangedMessage } from './signals';
export {
  ACTIVE_EXECUTION_STATUSES,
  DRS_LAUNCH_STATUSES,
  EXECUTION_MODES,
  EXECUTION_STATUSES,
  isActiveExecutionStatus,
  isTerminalExecutionStatus,
  SERVER_STATUSES,
  TERMINAL_EXECUTION_STATUSES,
  WAIT_FOR_VALUES,
  WAVE_STATUSES,
} from './statuses';
export type {
  DrsLaunchStatus,
  ExecutionMode,
  ExecutionStatus,
  ServerStatus,
  WaitFor,
  WaveStatus,
} from './statuses';
export type {
  Page,
  PlanWave,
  RecoveryPlan,
  RecoveryPlanInput,
  SourceServer,
} from './types';
export type {
  Execution,
  ExecutionRequests,
  ExecutionServer,
  ExecutionSummary,
  ExecutionWave,
  JobLogEvent,
  PollingMetadata,
} from './executionTypes';
export {
  DEFAULT_DRS_QUOTAS,
  DEFAULT_TIMEOUT_MINUTES,
  effectiveDependencies,
  formatIssuePath,
  hasErrors,
  recoveryPlanInputSchema,
  SOURCE_SERVER_ID_PATTERN,
  validatePlanStructure,
} from './validation';
export type { DrsQuotas, PlanIssue } from './validation';
