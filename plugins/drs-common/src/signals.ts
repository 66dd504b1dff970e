import { ExecutionStatus } from './statuses';

/**
 * The signal channel of every change of an entity's executions. The entity's pages and the
 * page of each of its executions listen to it: one channel per change keeps a change to one
 * event, which with the events bus is an HTTP post and a database row.
 */
export function entitySignalChannel(entityRef: string): string {
  return `drs:entity:${entityRef}`;
}

/** What the signal of an execution change says; pages refetch on it. */
export type ExecutionChangedMessage = {
  executionId: string;
  entityRef: string;
  status: ExecutionStatus;
  version: number;
};
