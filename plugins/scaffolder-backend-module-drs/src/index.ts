/**
 * Scaffolder actions of the DRS orchestration for Backstage.
 *
 * @packageDocumentation
 */
export { scaffolderModuleDrs as default } from './module';
