/**
 * AWS Elastic Disaster Recovery (DRS) on loopback: the unmodified `@aws-sdk/client-drs`
 * talks to it, with real job lifecycles, quotas, traps and fault injection. `Dice`, the
 * seeded generator it draws with, is exported for reproducible test scenarios.
 *
 * Files (src/):
 * - startSimulator.ts: the options and handle; wires a simulation to a server
 * - server.ts: the HTTP server, sending each request to the DRS API or the control API
 * - api.ts: one DRS call the REST-JSON way: caller, injected faults, validation, answer
 * - auth.ts: the caller's account and region, read from the SigV4 header
 * - control.ts: the control API under /_sim/
 * - operations/: the DRS operations served, by name (jobs, recovery instances, source servers)
 * - operations/pointsInTime.ts: the point in time each server of a launch uses
 * - simulation.ts: the simulated world: accounts, clock, faults, dice, events due
 * - simulatorState.ts: the world as GET /_sim/state shows it
 * - callLog.ts: what the simulator was asked
 * - replication.ts: changing servers' replication at run time, one or a selection
 * - replicationStates.ts: what each replication state means for points in time
 * - journal.ts: keeping the world in a file across restarts, and replaying it
 * - journalEntries.ts: the changes a simulation records and a journal replays
 * - state.ts: the records of servers, jobs and recovery instances per account and region
 * - lifecycle.ts: phase lengths and the steps every job takes; the TERMINATE job
 * - launchJob.ts: the launch job, server by server, with its traps
 * - snapshots.ts: point-in-time snapshots on their schedule, retention and deletion
 * - views.ts: records rendered in the shapes DRS answers with
 * - eventQueue.ts: what happens next, in simulated time
 * - clock.ts: simulated time, real or manual
 * - dice.ts: the seeded random generator
 * - ids.ts: IDs in the model's formats, drawn from the dice or derived from names
 * - faults.ts: the switchable faults, and whether one strikes
 * - quotas.ts: DRS quotas per account and region
 * - errors.ts: DRS errors as the model defines them, and bad simulator settings
 * - pagination.ts: offset pages with tokens bound to their operation
 * - inventory.ts: the inventory format
 * - loadInventory.ts: reading and checking an inventory
 * - model.ts: the DRS service model
 * - shapeValidation.ts: checking a value against a shape of the model
 * - __testUtils__/harness.ts: the tests' simulator, inventory and SDK client
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
  AutomationOutcome,
  FailurePhase,
  InventoryAccount,
  InventoryAutomationDocument,
  InventoryAutomationParameter,
  InventorySourceServer,
  ResolvedAccount,
  ResolvedAutomationDocument,
  ResolvedInventory,
  ResolvedSourceServer,
  SimulatorInventory,
} from './inventory';
export { DEFAULT_FAULTS } from './faults';
export type { SimulatorFaults, StatusCheck } from './faults';
export { AUTOMATION_BASE_SECONDS } from './ssm/automations';
export type { AutomationStatus } from './ssm/automations';
export { STATUS_CHECK_BASE_SECONDS } from './ec2/instanceStatus';
export type { StatusCheckStatus } from './ec2/instanceStatus';
export { DEFAULT_QUOTAS } from './quotas';
export type { SimulatorQuotas } from './quotas';
export { JOB_PHASE_BASE_SECONDS } from './lifecycle';
export { SNAPSHOT_BASE_SECONDS } from './snapshots';
export { SettingsError } from './errors';
export type { ClockMode } from './clock';
export type {
  ReplicationUpdate,
  ServersReplicationUpdate,
} from './replication';
export type { SimulatorCallLog } from './callLog';
export type { SimulatorServerState, SimulatorState } from './simulatorState';
export type { LastLaunchResult, LaunchStatus } from './state';
