/**
 * Scaffolder actions of the DRS orchestration for Backstage.
 *
 * - module.ts: registers the actions with the scaffolder
 * - actions/deployStack/: drs:stack:deploy, a CloudFormation change set of the stack, its
 *   progress streamed to the task log
 * - actions/createPlanAction.ts, startDrillAction.ts: drs:plan:create and drs:drill:start,
 *   through the drs backend's API
 * - stack/: reads the stack template (templates/drs-orchestration-stack.yaml), whose drift
 *   from the backend's tables and calls its tests check
 *
 * @packageDocumentation
 */
export { scaffolderModuleDrs as default } from './module';
export { createDrsActions } from './actions';
export type { DrsActionsOptions } from './actions';
