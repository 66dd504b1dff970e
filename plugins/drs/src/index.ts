/**
 * Frontend plugin of the DRS orchestration for Backstage (legacy frontend system);
 * the new frontend system's plugin is exported from `./alpha`.
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
  PreflightRequest,
  SavedPlanPreflight,
  SourceServerList,
  StartExecutionRequest,
} from './api';
export { DR_EXECUTIONS_TAB_PATH, DR_PLANS_TAB_PATH } from './routes';
export { isDrsAvailable } from '@drs-orchestration/plugin-drs-common';
