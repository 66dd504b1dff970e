import { Execution } from '@drs-orchestration/plugin-drs-common';
import {
  deepEqual,
  DrsObservations,
} from '@drs-orchestration/plugin-drs-common/engine';

/**
 * Executions whose last decision was to do nothing, with what it saw: the same version and
 * the same observations again would decide the same until a clock rule falls due, the earliest
 * of which the decision announced (`wakeAt`: a wait's end, a step's or a health deadline, a
 * drill cleanup due).
 */
export class SettledCache {
  private readonly entries = new Map<
    string,
    { version: number; observations: DrsObservations; wakeAt?: number }
  >();

  /** Whether the execution was settled at this version with these very observations, and still is at `now`. */
  has(execution: Execution, observations: DrsObservations, now: Date): boolean {
    const last = this.entries.get(execution.executionId);
    return (
      last?.version === execution.version &&
      (last.wakeAt === undefined || now.getTime() < last.wakeAt) &&
      deepEqual(last.observations, observations)
    );
  }

  remember(
    execution: Execution,
    observations: DrsObservations,
    wakeAt?: string,
  ): void {
    this.entries.set(execution.executionId, {
      version: execution.version,
      observations,
      wakeAt: wakeAt === undefined ? undefined : Date.parse(wakeAt),
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
