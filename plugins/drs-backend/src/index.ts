/**
 * Backend plugin of the DRS orchestration for Backstage.
 *
 * @packageDocumentation
 */
export { drsPlugin as default } from './plugin';
