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
} from './plugin';
export { drsApiRef, DrsClient } from './api';
export type { DrsApi, SourceServerList, ListExecutionsRequest } from './api';
export { isDrsAvailable } from '@internal/plugin-drs-common';
