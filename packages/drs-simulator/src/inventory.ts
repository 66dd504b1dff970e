/** Where a named server fails: while launching, or in the job's cleanup after showing LAUNCHED. */
export type FailurePhase = 'launch' | 'cleanup';

/** The inventory file's format (YAML or a parsed object). */
export interface SimulatorInventory {
  accounts: InventoryAccount[];
}

export interface InventoryAccount {
  accountId: string;
  region: string;
  sourceServers: InventorySourceServer[];
}

export interface InventorySourceServer {
  hostname: string;
  /** Derived from accountId + region + hostname when absent. */
  sourceServerID?: string;
  tags?: Record<string, string>;
  /** A DRS `dataReplicationState`; CONTINUOUS when absent. */
  replicationState?: string;
  /** Replication lag, reported as an ISO-8601 duration (12 → PT12S). */
  lagSeconds?: number;
  /** This server always fails, at launch or in cleanup. */
  failAt?: FailurePhase;
}

/** An inventory with every default applied. */
export interface ResolvedInventory {
  accounts: ResolvedAccount[];
}

export interface ResolvedAccount {
  accountId: string;
  region: string;
  sourceServers: ResolvedSourceServer[];
}

export interface ResolvedSourceServer {
  hostname: string;
  sourceServerID: string;
  tags: Record<string, string>;
  replicationState: string;
  lagSeconds: number;
  failAt?: FailurePhase;
}

export class InventoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InventoryError';
  }
}
