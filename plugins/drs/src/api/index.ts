export * from './DrsApi';
export * from './DrsClient';
export type { BackendHttpOptions as DrsClientOptions } from './BackendHttp';
export { newIdempotencyKey } from './idempotencyKey';
