/** Channels the backend publishes on after every change of an execution. */
export function executionChannel(executionId: string): string {
  return `drs:execution:${executionId}`;
}

/** Channel of every execution change of an entity, e.g. `drs:entity:component:default/checkout`. */
export function entityChannel(entityRef: string): string {
  return `drs:entity:${entityRef}`;
}
