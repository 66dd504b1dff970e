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
}

/**
 * An inventory with every default applied: what {@link loadInventory} returns.
 *
 * @public
 */
export interface ResolvedInventory {
  /** The accounts and regions simulated. */
  accounts: ResolvedAccount[];
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
