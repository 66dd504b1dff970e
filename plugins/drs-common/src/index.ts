/**
 * Shared domain of the DRS orchestration plugins, free of I/O.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './engine';
export * from './executions';
export * from './health';
export * from './permissions';
export * from './report';
export * from './signals';
export * from './statuses';
export * from './types';
export * from './validation';
