import { ExecutionStatus } from './statuses';

/**
 * The signal channel of every change of an entity's executions. The entity's pages and the
 * page of each of its executions listen to it: one channel per change keeps a change to one
 * event, which with the events bus is an HTTP post and a database row.
 *
 * @public
 */
export function entitySignalChannel(entityRef: string): string {
  return `drs:entity:${entityRef}`;
}

/**
 * What the signal of an execution change says; pages refetch on it.
 *
 * @public
 */
export type ExecutionChangedMessage = {
  /** The execution that changed. */
  executionId: string;
  /** The entity it recovers: the channel the signal was sent on. */
  entityRef: string;
  /** Its status after the change. */
  status: ExecutionStatus;
  /** Its version after the change, which orders the changes of one execution. */
  version: number;
};
