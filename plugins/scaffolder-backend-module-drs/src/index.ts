/**
 * Scaffolder actions of the DRS orchestration for Backstage.
 *
 * @packageDocumentation
 */
export { scaffolderModuleDrs as default } from './module';
export { createDrsActions } from './actions';
export type { DrsActionsOptions } from './actions';
