import type { RecordedOutcome } from './cloudFormation/records';
import type { ServiceName } from './model';
import type {
  ReplicationUpdate,
  ServersReplicationUpdate,
} from './replication';

/*
 * The changes a simulation records and a journal replays. They live apart from both so that
 * the simulation writes entries without knowing the journal, which builds simulations.
 */

/** One change of the simulated world, at the simulated time it was made. */
export type JournalEntry =
  | {
      at: number;
      /**
       * A call that changed the world: a DRS job, an automation started or stopped, a change
       * set created, executed or deleted, a stack deleted.
       */
      kind: 'call';
      service: ServiceName;
      accountId: string;
      region: string;
      operation: string;
      input: unknown;
    }
  | { at: number; kind: 'faults'; patch: unknown }
  | {
      at: number;
      kind: 'replication';
      update: ReplicationUpdate | ServersReplicationUpdate;
    }
  | { at: number; kind: 'advance'; seconds: number }
  | { at: number; kind: 'documents'; documents: unknown }
  /** How a stack's change outside the simulator (a DynamoDB table) went. */
  | { at: number; kind: 'provisioned'; outcome: RecordedOutcome };

/** Where a simulation writes its changes as it makes them. */
export interface JournalWriter {
  append(entry: JournalEntry): void;
  /** The world is back to its inventory at `at`: nothing before needs replaying. */
  clear(at: number): void;
}
