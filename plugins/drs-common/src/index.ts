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
  assessDrillSchedules,
  DRS_SCHEDULER_PRINCIPAL,
  describeDrillSchedule,
  drillOverdueSince,
  drillScheduleStatus,
  isDrillDue,
  nextDrillDue,
} from './drillSchedule';
export {
  drillScheduleSchema,
  isValidTimeZone,
  MIN_DRILL_SPACING_SECONDS,
  slotAfter,
} from './drillScheduleSchema';
export type {
  DrillSchedule,
  DrillScheduleInput,
  DrillScheduleState,
  DrillScheduleStatus,
  SchedulablePlan,
} from './drillScheduleTypes';
export {
  newExecution,
  sharedSourceServers,
  worstDataLossSeconds,
} from './executions';
export {
  describeExecutionOutcome,
  executionProgress,
} from './executionOutcome';
export type { ExecutionOutcomeInput } from './executionOutcome';
export { wavesAwaitingApproval } from './engine/waves';
export { assessDrHealth } from './health';
export {
  ANNOTATION_DRS_RPO,
  ANNOTATION_DRS_RTO,
  entityObjectives,
  objectiveDurationSchema,
  parseObjectiveDuration,
  planObjectives,
} from './objectiveDurations';
export type {
  ObjectiveProblem,
  StatedObjective,
  StatedObjectives,
} from './objectiveDurations';
export {
  assessObjectives,
  compareObjectiveStatus,
  evaluateRpo,
  evaluateRto,
} from './objectives';
export type { ObjectivesInput } from './objectives';
export {
  OBJECTIVE_AT_RISK_RATIO,
  OBJECTIVE_EVIDENCE_MAX_AGE_DAYS,
} from './objectiveTypes';
export type {
  DrObjectives,
  ObjectiveEvaluationBase,
  ObjectiveStatus,
  PlanObjectiveEvaluation,
  RpoEvaluation,
  RtoEvaluation,
  ServerRpoEvidence,
} from './objectiveTypes';
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
  evaluatePlan,
  MAX_EVALUATION_REASONS,
  nextStoredEvaluation,
  summarizeEvaluationRun,
} from './planEvaluation';
export type { PlanEvaluationInput } from './planEvaluation';
export type {
  PlanEvaluation,
  PlanEvaluationItem,
  PlanEvaluationReason,
  PlanEvaluationReasonKind,
  PlanEvaluationRun,
  PlanEvaluationStatus,
  StoredPlanEvaluation,
} from './planEvaluationTypes';
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
export { formatIssuePath, hasErrors } from './planIssues';
export type { PlanIssue } from './planIssues';
export { executionReport } from './report';
export { executionReportMarkdown } from './reportMarkdown';
export type {
  ExecutionReport,
  ReportObjective,
  StepReport,
  WaveReport,
} from './report';
export { entitySignalChannel } from './signals';
export { assessWayBack, WAY_BACK_STATES } from './wayBackHealth';
export type { WayBackHealth, WayBackState } from './wayBackHealth';
export {
  failbackNotReady,
  failbackWaveOrder,
  newFailbackExecution,
} from './failback';
export type {
  ExecutionLineage,
  FailbackRequest,
  ReversedServer,
  ReverseReplicationRequest,
} from './failbackTypes';
export { withStartChoice } from './startChoice';
export type { StartChoice } from './startChoice';
export type { ExecutionChangedMessage } from './signals';
export {
  ACTIVE_EXECUTION_STATUSES,
  DRILL_CLEANUP_STATUSES,
  DRS_LAUNCH_STATUSES,
  EXECUTION_MODES,
  EXECUTION_STATUSES,
  PLAN_MODES,
  REVERSE_REPLICATION_STATUSES,
  isActiveExecutionStatus,
  isStepEnded,
  isTerminalExecutionStatus,
  SERVER_STATUSES,
  STEP_STATUSES,
  TERMINAL_EXECUTION_STATUSES,
  WAIT_FOR_VALUES,
  WAVE_STATUSES,
} from './statuses';
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
} from './statuses';
export {
  DEFAULT_APPROVAL_TIMEOUT_SECONDS,
  DEFAULT_AUTOMATION_TIMEOUT_SECONDS,
  DEFAULT_HEALTH_TIMEOUT_SECONDS,
  stepTimeoutSeconds,
} from './steps';
export { STEP_FAILURE_POLICIES, STEP_PHASES, STEP_TYPES } from './stepTypes';
export type {
  ApprovalPlanStep,
  AutomationPlanStep,
  DrillCleanup,
  DrillCleanupPolicy,
  ExecutionApprovalStep,
  ExecutionAutomationStep,
  ExecutionStep,
  ExecutionStepBase,
  ExecutionWaitStep,
  PlanStep,
  PlanStepBase,
  StepFailurePolicy,
  StepPhase,
  StepType,
  WaitPlanStep,
} from './stepTypes';
export {
  HEALTH_TIMEOUT_SECONDS_RANGE,
  KEEP_ALIVE_SECONDS_RANGE,
  MAX_STEPS_PER_WAVE,
  SSM_DOCUMENT_NAME_PATTERN,
  SSM_DOCUMENT_VERSION_PATTERN,
  SSM_PARAMETER_LIMITS,
  STEP_TIMEOUT_SECONDS_RANGE,
  WAIT_SECONDS_RANGE,
} from './stepValidation';
export type {
  Page,
  PlanWave,
  RecoveryPlan,
  RecoveryPlanInput,
  SourceServer,
} from './types';
export type {
  Ec2StatusChecks,
  Execution,
  ExecutionObjectives,
  ExecutionProgress,
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
  recoveryPlanInputSchema,
  SOURCE_SERVER_ID_PATTERN,
  validatePlanStructure,
} from './validation';
export type { DrsQuotas } from './validation';
