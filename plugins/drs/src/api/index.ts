export * from './DrsApi';
export * from './DrsClient';
export { newIdempotencyKey } from './idempotencyKey';
