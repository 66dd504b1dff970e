import { SimulatorCallLog } from './callLog';
import { ClockMode } from './clock';
import { SettingsError } from './errors';
import { DEFAULT_FAULTS, mergeFaults, SimulatorFaults } from './faults';
import {
  InventoryAutomationDocument,
  ResolvedAutomationDocument,
  SimulatorInventory,
} from './inventory';
import { loadInventory } from './loadInventory';
import { journaledSimulation, JournalResumption } from './journal';
import { resolveQuotas, SimulatorQuotas } from './quotas';
import { ReplicationUpdate, ServersReplicationUpdate } from './replication';
import { boundPort, closeServer, listen } from './server';
import { Simulation, SimulationSettings } from './simulation';
import { SimulatorServerState, SimulatorState } from './simulatorState';

/**
 * How to start a simulator: where it listens, what it simulates, and how time and faults behave.
 *
 * @public
 */
export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the simulator is for loopback only. */
  host?: string;
  /** A YAML file path, or the parsed inventory. */
  inventory: string | SimulatorInventory;
  /** 'real' (default) follows the wall clock; 'manual' moves only on `advance`. */
  clock?: ClockMode;
  /**
   * Every job phase, snapshot interval, automation run and status check runs this many times
   * faster. Default 1.
   */
  speed?: number;
  /** Seeds every random choice (IDs, faults, jitter). Default 1. */
  seed?: number;
  /** Where the clock starts. Default: now. */
  startTime?: Date | string | number;
  /** DRS quotas that differ from AWS's defaults ({@link DEFAULT_QUOTAS}). */
  quotas?: Partial<SimulatorQuotas>;
  /** Faults active from the start; none by default ({@link DEFAULT_FAULTS}). */
  faults?: Partial<SimulatorFaults>;
  /**
   * A file that keeps the world (jobs, recovery instances, automations, documents, faults,
   * replication, stacks) across restarts: its changes are replayed at start and each new one
   * appended. Default: none.
   */
  journal?: string;
  /**
   * A DynamoDB endpoint (e.g. dynalite's) where CloudFormation's `AWS::DynamoDB::Table`
   * resources become tables. Default: none, and tables are only recorded, like every other
   * resource.
   */
  dynamodbEndpoint?: string;
}

/**
 * A running simulator: its endpoint, and control of its time, faults, replication and
 * automation documents.
 *
 * @public
 */
export interface SimulatorHandle {
  /**
   * e.g. http://127.0.0.1:4566: the `endpoint` of the DrsClient, SSMClient, EC2Client and
   * CloudFormationClient.
   */
  endpoint: string;
  /** The port it listens on; the one picked when `port` was 0. */
  port: number;
  /** Moves simulated time forward and applies everything due. */
  advance(seconds: number): void;
  /** Merges into the current faults (failServers is replaced as a whole). */
  setFaults(patch: Partial<SimulatorFaults>): SimulatorFaults;
  /** Changes a source server's replication state or lag; returns the server as it is now. */
  setReplication(update: ReplicationUpdate): SimulatorServerState;
  /**
   * Changes the replication of several servers at once, chosen by ID or hostname or by tags
   * (a site that fails stops them all); returns each as it is now.
   */
  setServersReplication(
    update: ServersReplicationUpdate,
  ): SimulatorServerState[];
  /**
   * Adds SSM Automation documents, or replaces those of the same names (AWS-owned ones cannot
   * be); returns every document known now.
   */
  defineAutomationDocuments(
    documents: InventoryAutomationDocument[],
  ): ResolvedAutomationDocument[];
  /** A copy of the call log. */
  calls(): SimulatorCallLog;
  /** The simulated world now, as `GET /_sim/state` shows it. */
  state(): SimulatorState;
  /** Back to the inventory as loaded: no jobs, initial faults, clock at its start. */
  reset(): void;
  /** Stops the server, dropping kept-alive connections; resolves once it is closed. */
  close(): Promise<void>;
  /** With a journal: what was replayed from it at start, or why it was set aside. */
  resumption?: JournalResumption;
}

function startTimeMs(startTime: SimulatorOptions['startTime']): number {
  if (startTime === undefined) return Date.now();
  const ms = new Date(startTime).getTime();
  if (Number.isNaN(ms)) {
    throw new SettingsError(`startTime ${String(startTime)} is not a date`);
  }
  return ms;
}

/**
 * Starts a simulator that the unmodified `@aws-sdk/client-drs`, `@aws-sdk/client-ssm` (SSM
 * Automation), `@aws-sdk/client-ec2` (DescribeInstanceStatus) and
 * `@aws-sdk/client-cloudformation` (stacks through change sets) can talk to, on one port.
 *
 * @public
 */
export async function startSimulator(
  options: SimulatorOptions,
): Promise<SimulatorHandle> {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new SettingsError(`speed must be a number > 0, got ${speed}`);
  }
  const clock = options.clock ?? 'real';
  if (clock !== 'real' && clock !== 'manual') {
    throw new SettingsError(`clock must be real or manual, got ${clock}`);
  }
  const settings: SimulationSettings = {
    inventory: loadInventory(options.inventory),
    clock,
    speed,
    seed: options.seed ?? 1,
    startTimeMs: startTimeMs(options.startTime),
    quotas: resolveQuotas(options.quotas),
    faults: mergeFaults(DEFAULT_FAULTS, options.faults ?? {}),
    dynamodbEndpoint: options.dynamodbEndpoint,
  };
  const { sim, resumption } = options.journal
    ? journaledSimulation(settings, options.journal)
    : { sim: new Simulation(settings), resumption: undefined };
  const host = options.host ?? '127.0.0.1';
  const server = await listen(sim, host, options.port ?? 0);
  const port = boundPort(server);
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    advance: seconds => sim.advance(seconds),
    setFaults: patch => sim.setFaults(patch),
    setReplication: update => sim.setReplication(update),
    setServersReplication: update => sim.setServersReplication(update),
    defineAutomationDocuments: documents =>
      sim.defineAutomationDocuments(documents),
    calls: () => structuredClone(sim.calls),
    state: () => sim.describe(),
    reset: () => sim.reset(),
    close: () => closeServer(server),
    resumption,
  };
}
