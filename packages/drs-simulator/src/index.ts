/**
 * AWS Elastic Disaster Recovery (DRS) on loopback: the unmodified `@aws-sdk/client-drs`
 * talks to it, with real job lifecycles, quotas, traps and fault injection.
 *
 * @packageDocumentation
 */

export { startSimulator } from './startSimulator';
export { Dice } from './dice';
export type { SimulatorHandle, SimulatorOptions } from './startSimulator';
export type { JournalResumption } from './journal';
export { InventoryError } from './inventory';
export { loadInventory } from './loadInventory';
export type {
  FailurePhase,
  InventoryAccount,
  InventorySourceServer,
  SimulatorInventory,
} from './inventory';
export { DEFAULT_FAULTS } from './faults';
export type { SimulatorFaults } from './faults';
export { DEFAULT_QUOTAS } from './quotas';
export type { SimulatorQuotas } from './quotas';
export { JOB_PHASE_BASE_SECONDS } from './lifecycle';
export { SNAPSHOT_BASE_SECONDS } from './snapshots';
export { SettingsError } from './errors';
export type { ClockMode } from './clock';
export type { ReplicationUpdate } from './replication';
export type { SimulatorCallLog } from './callLog';
export type { SimulatorServerState, SimulatorState } from './simulatorState';
