import { Simulation } from '../simulation';
import { Tenant } from '../state';

/** What an operation handler works on: the simulation, the caller's account+region, and now. */
export interface OperationContext {
  sim: Simulation;
  tenant: Tenant;
  now: number;
}

/** One operation a simulated service serves. */
export interface OperationSpec {
  /** Called with input already validated against the model's request shape. */
  handle(context: OperationContext, input: unknown): unknown;
  /**
   * Changes the world (creates a job, starts or stops an automation): it is journalled, and the
   * "applied, but answered 500" fault applies to it.
   */
  commits?: boolean;
}

/** DRS treats an empty ID-list filter as no filter. */
export function idFilter(ids: string[] | undefined): Set<string> | undefined {
  return ids && ids.length ? new Set(ids) : undefined;
}
