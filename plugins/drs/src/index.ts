/**
 * Frontend plugin of the DRS orchestration for Backstage (legacy frontend system);
 * the new frontend system's plugin is exported from `./alpha`.
 *
 * - plugin.ts, alpha.tsx, routes.ts: the plugin for each frontend system and its routes
 * - api/: DrsApi (the backend's API as the pages use it), DrsClient and its HTTP layer
 * - components/: the entity tabs (plans, executions), the health card, the ops page, the plan
 *   editor and start dialog (their state in usePlanDraft and useStartExecution)
 * - hooks/: live data (signals, then a modest refetch), permissions, links
 *
 * @packageDocumentation
 */
export {
  drsPlugin,
  EntityDrsPlansContent,
  EntityDrsExecutionsContent,
  EntityDrsHealthCard,
  DrsOverviewPage,
} from './plugin';
export { drsApiRef, DrsClient } from './api';
export type {
  DrsApi,
  DrsClientOptions,
  DrHealthOverviewItem,
  ExecutionReportFile,
  ListExecutionsRequest,
  PlanEvaluationList,
  PreflightRequest,
  SavedPlanPreflight,
  SourceServerList,
  StartExecutionRequest,
} from './api';
export { DR_EXECUTIONS_TAB_PATH, DR_PLANS_TAB_PATH } from './routes';
export { isDrsAvailable } from '@drs-orchestration/plugin-drs-common';
