import { Simulation } from '../simulation';
import { Tenant } from '../state';

/** What an operation handler works on: the simulation, the caller's account+region, and now. */
export interface OperationContext {
  sim: Simulation;
  tenant: Tenant;
  now: number;
}

/** DRS treats an empty ID-list filter as no filter. */
export function idFilter(ids: string[] | undefined): Set<string> | undefined {
  return ids && ids.length ? new Set(ids) : undefined;
}
