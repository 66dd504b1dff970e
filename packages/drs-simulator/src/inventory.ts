/**
 * Where a named server fails: while launching, or in the job's cleanup after showing LAUNCHED.
 *
 * @public
 */
export type FailurePhase = 'launch' | 'cleanup';

/**
 * The inventory file's format (YAML or a parsed object).
 *
 * @public
 */
export interface SimulatorInventory {
  /** The accounts and regions simulated, each with its source servers. */
  accounts: InventoryAccount[];
  /**
   * SSM Automation documents (runbooks) StartAutomationExecution may name, in every account and
   * region, besides the AWS-owned ones the simulator always knows.
   */
  automationDocuments?: InventoryAutomationDocument[];
}

/**
 * How an automation run ends: it succeeds, fails, times out, or hangs in progress until stopped.
 *
 * @public
 */
export type AutomationOutcome = 'success' | 'fail' | 'timeout' | 'hang';

/**
 * A parameter an automation document declares.
 *
 * @public
 */
export interface InventoryAutomationParameter {
  /** A start that does not give it is refused. */
  required?: boolean;
  /** Its values when a start does not give it. */
  default?: string | string[];
}

/**
 * An SSM Automation document of the inventory.
 *
 * @public
 */
export interface InventoryAutomationDocument {
  /** The document name, e.g. `Checkout-DrainTraffic` (AWS-owned prefixes are reserved). */
  name: string;
  /** The parameters it declares; when absent, a start may give any. */
  parameters?: Record<string, InventoryAutomationParameter>;
  /**
   * The execution's `Outputs` when it succeeds; `{{ Name }}` in a value stands for the values
   * of parameter Name.
   */
  outputs?: Record<string, string | string[]>;
  /** How long a run takes at speed 1; 60 when absent. */
  durationSeconds?: number;
  /** When a run whose outcome is `timeout` times out, at speed 1; 600 when absent. */
  timeoutSeconds?: number;
  /** How its runs end unless a fault says otherwise; `success` when absent. */
  outcome?: AutomationOutcome;
  /** The `FailureMessage` of a failed run. */
  failureMessage?: string;
}

/**
 * The source servers of one account in one region.
 *
 * @public
 */
export interface InventoryAccount {
  /** The 12-digit AWS account ID; a caller whose access key ID is this ID gets this account. */
  accountId: string;
  /** The AWS region, read from each request's SigV4 credential scope. */
  region: string;
  /** The account's source servers in that region. */
  sourceServers: InventorySourceServer[];
}

/**
 * One source server of the inventory.
 *
 * @public
 */
export interface InventorySourceServer {
  /** The server's hostname, unique per account and region; faults may name the server by it. */
  hostname: string;
  /** Derived from accountId + region + hostname when absent. */
  sourceServerID?: string;
  /** The server's DRS tags, which callers may select servers by. */
  tags?: Record<string, string>;
  /** A DRS `dataReplicationState`; CONTINUOUS when absent. */
  replicationState?: string;
  /** Replication lag, reported as an ISO-8601 duration (12 → PT12S). */
  lagSeconds?: number;
  /** This server always fails, at launch or in cleanup. */
  failAt?: FailurePhase;
  /**
   * The server is an EC2 instance in this region (cross-Region) or availability zone
   * (cross-AZ): its recovery instances can be reversed (ReverseReplication) and failed back.
   * Absent: the server is outside AWS, failed back with AWS's Failback Client.
   */
  origin?: InventoryServerOrigin;
}

/**
 * Where an EC2 source server's instance runs, as DRS's `sourceCloudProperties` tell.
 *
 * @public
 */
export interface InventoryServerOrigin {
  /** The instance's region, e.g. us-west-2; the server's own region for cross-AZ. */
  region: string;
  /** The instance's availability zone; the region's first (`<region>a`) when absent. */
  availabilityZone?: string;
  /** The instance's account; the server's own when absent. */
  accountId?: string;
}

/**
 * Where an EC2 source server's instance runs, with defaults applied.
 *
 * @public
 */
export interface ServerOrigin {
  /** The instance's account. */
  accountId: string;
  /** The instance's region. */
  region: string;
  /** The instance's availability zone. */
  availabilityZone: string;
}

/**
 * An inventory with every default applied: what {@link loadInventory} returns.
 *
 * @public
 */
export interface ResolvedInventory {
  /** The accounts and regions simulated. */
  accounts: ResolvedAccount[];
  /** The inventory's automation documents, with defaults applied. */
  automationDocuments: ResolvedAutomationDocument[];
}

/**
 * An automation document with every default applied.
 *
 * @public
 */
export interface ResolvedAutomationDocument {
  /** The document name. */
  name: string;
  /** The parameters it declares, each with its default values (maybe none); absent: any. */
  parameters?: Record<string, { required: boolean; default: string[] }>;
  /** Its outputs on success, before parameters are put in. */
  outputs: Record<string, string[]>;
  /** How long a run takes at speed 1. */
  durationSeconds: number;
  /** When a run that times out does, at speed 1. */
  timeoutSeconds: number;
  /** How its runs end unless a fault says otherwise. */
  outcome: AutomationOutcome;
  /** The `FailureMessage` of a failed run, if the document gives one. */
  failureMessage?: string;
}

/**
 * One account and region of a resolved inventory.
 *
 * @public
 */
export interface ResolvedAccount {
  /** The AWS account ID. */
  accountId: string;
  /** The AWS region. */
  region: string;
  /** Its source servers, with defaults applied. */
  sourceServers: ResolvedSourceServer[];
}

/**
 * A source server of a resolved inventory: every optional field of the file filled in.
 *
 * @public
 */
export interface ResolvedSourceServer {
  /** The server's hostname. */
  hostname: string;
  /** Its DRS ID, given or derived from account, region and hostname. */
  sourceServerID: string;
  /** Its DRS tags; empty when the file gives none. */
  tags: Record<string, string>;
  /** Its DRS `dataReplicationState` at start. */
  replicationState: string;
  /** Its replication lag at start. */
  lagSeconds: number;
  /** Where it always fails, if it does. */
  failAt?: FailurePhase;
  /** Where its EC2 instance runs, for a server in AWS. */
  origin?: ServerOrigin;
}

/**
 * A malformed or unreadable inventory; the message names the entry at fault.
 *
 * @public
 */
export class InventoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InventoryError';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rejectUnknownFields(
  value: Record<string, unknown>,
  known: string[],
  at: string,
) {
  const unknown = Object.keys(value).filter(key => !known.includes(key));
  if (unknown.length) {
    throw new InventoryError(
      `${at}: unknown field(s) ${unknown.join(', ')} (known: ${known.join(
        ', ',
      )})`,
    );
  }
}

/** An entry that must be a map of known fields; errors name the entry. */
export function fieldsOf(
  entry: unknown,
  known: string[],
  at: string,
): Record<string, unknown> {
  if (!isRecord(entry)) throw new InventoryError(`${at} must be a map`);
  rejectUnknownFields(entry, known, at);
  return entry;
}
