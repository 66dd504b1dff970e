/**
 * AWS Elastic Disaster Recovery (DRS) on loopback: the unmodified `@aws-sdk/client-drs`
 * talks to it, with real job lifecycles, quotas, traps and fault injection. On the same port
 * and in the same world: SSM Automation (`@aws-sdk/client-ssm`: start, get and stop runbook
 * executions, exactly once per ClientToken), EC2 status checks of the recovery instances
 * (`@aws-sdk/client-ec2` DescribeInstanceStatus) and CloudFormation
 * (`@aws-sdk/client-cloudformation`: stacks deployed through change sets, their tables made in
 * a local DynamoDB). `Dice`, the seeded generator it draws with, is exported for reproducible
 * test scenarios.
 *
 * Files (src/):
 * - startSimulator.ts: the options and handle; wires a simulation to a server
 * - server.ts: the HTTP server, sending each request to a service or the control API
 * - services.ts: the services served, and which one a request is for
 * - api.ts: one call to any service: caller, injected faults, input, answer, journal
 * - drsService.ts: DRS's protocol, REST-JSON (`POST /<Operation>`)
 * - ssm/service.ts: SSM's protocol, AWS JSON 1.1 (`X-Amz-Target: AmazonSSM.<Operation>`)
 * - ssm/operations.ts: StartAutomationExecution (exactly once per ClientToken), Get, Stop
 * - ssm/automations.ts: automation runs and their lifecycle
 * - ssm/documents.ts: AWS-owned runbooks, documents by name, parameters and outputs
 * - ssm/views.ts: runs rendered as SSM answers them
 * - ssm/errors.ts: SSM's errors, modeled and front-door
 * - ec2/service.ts: EC2's query protocol (`Action=…` form, XML answers and errors)
 * - ec2/queryProtocol.ts: EC2 query parameters read, and XML written, by the model
 * - ec2/operations.ts: DescribeInstanceStatus: instances by ID, filters, pages
 * - ec2/instanceStatus.ts: the status checks of a recovery instance's EC2 instance
 * - ec2/errors.ts: EC2's error codes
 * - queryProtocol.ts: the query protocols (EC2's and CloudFormation's): form parameters read,
 *   XML written, by the model
 * - queryService.ts: the action and the front-door refusals the AWS query services share
 * - cloudFormation/service.ts: CloudFormation's protocol (`Action=…&Version=2010-05-15`, XML)
 * - cloudFormation/operations.ts: the CloudFormation operations served, by name
 * - cloudFormation/changeSets.ts: CreateChangeSet: request, stack state, template, plan
 * - cloudFormation/stackOperations.ts: ExecuteChangeSet, DeleteChangeSet, DeleteStack
 * - cloudFormation/views.ts: DescribeStacks, DescribeStackEvents, DescribeChangeSet,
 *   ValidateTemplate
 * - cloudFormation/template.ts: a template read and checked; templateDocument.ts: JSON or
 *   YAML with short forms; references.ts: what refers to what, and in which order to create
 * - cloudFormation/parameters.ts: parameter values, defaults and constraints
 * - cloudFormation/intrinsics.ts: Ref, Fn::Sub, Fn::GetAtt, Fn::Join, Fn::If and the others
 * - cloudFormation/plan.ts: what a change set makes of a stack, and its changes
 * - cloudFormation/resourceTypes.ts: names, ARNs, attributes, replacements, durations by type
 * - cloudFormation/operation.ts: a stack operation's resource actions, stage by stage
 * - cloudFormation/runner.ts: stack operations in simulated time: events, rollbacks, statuses
 * - cloudFormation/events.ts: stack events and status changes
 * - cloudFormation/world.ts: every tenant's stacks; waiting on DynamoDB before a call
 * - cloudFormation/dynamodb.ts: the tables made, updated and deleted in a local DynamoDB
 * - cloudFormation/lookup.ts: stacks and change sets by name or ID; which stacks may update
 * - cloudFormation/records.ts: stacks, change sets, operations and events as kept
 * - cloudFormation/state.ts: stacks as GET /_sim/state shows them
 * - cloudFormation/errors.ts: CloudFormation's errors, modeled and front-door
 * - auth.ts: the caller's account and region, read from the SigV4 header
 * - control.ts: the control API under /_sim/
 * - operations/: the DRS operations served, by name (jobs, recovery instances, source servers);
 *   operations/context.ts: what any service's operation works on
 * - operations/pointsInTime.ts: the point in time each server of a launch uses
 * - simulation.ts: the simulated world: accounts, documents, automations, clock, faults, dice, events due
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
 * - errors.ts: errors any service answers; DRS's as its model defines them; bad settings
 * - pagination.ts: offset pages with tokens bound to their operation
 * - inventory.ts: the inventory format, and checks of its entries' fields
 * - loadInventory.ts: reading and checking an inventory
 * - loadAutomationDocuments.ts: reading and checking automation documents
 * - model.ts: the DRS, SSM, EC2 and CloudFormation service models
 * - canonicalJson.ts: JSON with sorted keys, so equal requests compare equal
 * - shapeValidation.ts: checking a value against a shape of the model
 * - __testUtils__/harness.ts: the tests' simulator, inventory, SDK clients and raw calls
 * - __testUtils__/queryWire.ts: the query protocols' wire formats, written and read apart from the
 *   simulator's code
 * - __testUtils__/stacks.ts: CloudFormation templates, a local DynamoDB, deploying and polling
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
  InventoryServerOrigin,
  InventorySourceServer,
  ResolvedAccount,
  ResolvedAutomationDocument,
  ResolvedInventory,
  ResolvedSourceServer,
  ServerOrigin,
  SimulatorInventory,
} from './inventory';
export { DEFAULT_FAULTS } from './faults';
export type {
  SimulatorFaults,
  StackResourceFailure,
  StatusCheck,
} from './faults';
export { AUTOMATION_BASE_SECONDS } from './ssm/automations';
export type { AutomationStatus } from './ssm/automations';
export { STATUS_CHECK_BASE_SECONDS } from './ec2/instanceStatus';
export type { StatusCheckStatus } from './ec2/instanceStatus';
export { DEFAULT_QUOTAS } from './quotas';
export type { SimulatorQuotas } from './quotas';
export { JOB_PHASE_BASE_SECONDS } from './lifecycle';
export { SNAPSHOT_BASE_SECONDS } from './snapshots';
export { REPLICATION_BASE_SECONDS } from './replicationLifecycle';
export { SettingsError } from './errors';
export type { ClockMode } from './clock';
export type {
  ReplicationUpdate,
  ServersReplicationUpdate,
} from './replication';
export type { SimulatorCallLog, SimulatorMetricBatch } from './callLog';
export type { SimulatorServerState, SimulatorState } from './simulatorState';
export type { SimulatorStackState } from './cloudFormation/state';
export type { LastLaunchResult, LaunchStatus } from './state';
