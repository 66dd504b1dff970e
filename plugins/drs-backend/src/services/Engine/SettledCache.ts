import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  deepEqual,
  DrsObservations,
} from '@drs-orchestration/plugin-drs-common/engine';

/**
 * Executions whose last decision was to do nothing, with what it saw: the same version and
 * the same observations again would decide the same until a clock rule falls due.
 */
export class SettledCache {
  private readonly entries = new Map<
    string,
    { version: number; observations: DrsObservations }
  >();

  /** Whether the execution was settled at this version with these very observations. */
  has(execution: Execution, observations: DrsObservations): boolean {
    const last = this.entries.get(execution.executionId);
    return (
      last?.version === execution.version &&
      deepEqual(last.observations, observations)
    );
  }

  remember(execution: Execution, observations: DrsObservations): void {
    this.entries.set(execution.executionId, {
      version: execution.version,
      observations,
    });
  }

  forget(executionId: string): void {
    this.entries.delete(executionId);
  }

  /** Forgets the executions the engine no longer visits. */
  keepOnly(visited: Set<string>): void {
    for (const executionId of this.entries.keys()) {
      if (!visited.has(executionId)) this.entries.delete(executionId);
    }
  }
}
