/**
 * A Backstage test backend for the DRS orchestration's tests and tools, to run the plugins in:
 * a given catalog, every permission allowed, signals given or dropped, requests over HTTP as a
 * user. Apart from the main entry because Backstage's test utilities load most of Backstage.
 *
 * @packageDocumentation
 */
export {
  startLocalBackend,
  type ApiAnswer,
  type LocalApi,
  type LocalBackend,
  type LocalBackendOptions,
} from './localBackend';
