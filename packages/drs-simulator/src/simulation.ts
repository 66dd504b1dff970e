import { emptyCallLog, SimulatorCallLog } from './callLog';
import { ClockMode, createClock, SimulatorClock } from './clock';
import { Dice } from './dice';
import { EventQueue } from './eventQueue';
import { mergeFaults, SimulatorFaults } from './faults';
import { ResolvedInventory } from './inventory';
import { JournalWriter } from './journalEntries';
import { LifecycleContext } from './lifecycle';
import { SimulatorQuotas } from './quotas';
import {
  applyReplicationUpdate,
  checkReplicationUpdate,
  ReplicationUpdate,
  selectServers,
  ServersReplicationUpdate,
} from './replication';
import {
  accountState,
  serverState,
  SimulatorServerState,
  SimulatorState,
} from './simulatorState';
import { SNAPSHOT_BASE_SECONDS, SnapshotTiming } from './snapshots';
import { Tenant, tenantFromInventory } from './state';
import { iso, ViewContext } from './views';

export interface SimulationSettings {
  inventory: ResolvedInventory;
  clock: ClockMode;
  speed: number;
  seed: number;
  startTimeMs: number;
  quotas: SimulatorQuotas;
  faults: SimulatorFaults;
}

/** Servers were added to DRS this long before the simulator started. */
const SERVICE_AGE_MS = 30 * 24 * 3600 * 1000;

/** The simulated DRS: tenants, jobs, time, faults. HTTP lives elsewhere. */
export class Simulation {
  readonly clock: SimulatorClock;
  faults!: SimulatorFaults;
  calls!: SimulatorCallLog;
  tenants!: Tenant[];
  /** Separate streams, so e.g. a throttle draw never changes the next job's ID. */
  dice!: { ids: Dice; faults: Dice; outcomes: Dice };
  private readonly queue = new EventQueue();
  /** Set when the world must outlive the process (see journal.ts). */
  journal?: JournalWriter;

  constructor(readonly settings: SimulationSettings) {
    this.clock = createClock(settings.clock, settings.startTimeMs);
    this.reset();
  }

  /** Back to the inventory as loaded: no jobs, no instances, initial faults, empty call log. */
  reset(): void {
    this.clock.reset();
    this.queue.clear();
    this.faults = { ...this.settings.faults };
    this.calls = emptyCallLog();
    const seed = this.settings.seed;
    this.dice = {
      ids: new Dice(seed),
      faults: new Dice(seed ^ 0x5bd1e995),
      outcomes: new Dice(seed ^ 0x27d4eb2f),
    };
    const now = this.clock.now();
    this.tenants = this.settings.inventory.accounts.map(account =>
      tenantFromInventory(account, now),
    );
    this.journal?.clear(now);
  }

  /** The current time, with every event due by then applied. */
  sync(): number {
    const now = this.clock.now();
    this.queue.runDue(now);
    return now;
  }

  advance(seconds: number): void {
    const at = this.clock.now();
    this.clock.advance(seconds);
    this.journal?.append({ at, kind: 'advance', seconds });
    this.sync();
  }

  setFaults(patch: unknown): SimulatorFaults {
    this.faults = mergeFaults(this.faults, patch);
    this.journal?.append({ at: this.clock.now(), kind: 'faults', patch });
    return this.faults;
  }

  durationMs(baseSeconds: number): number {
    return Math.round((baseSeconds * 1000) / this.settings.speed);
  }

  lifecycle(): LifecycleContext {
    return {
      queue: this.queue,
      durationMs: seconds => this.durationMs(seconds),
      ids: this.dice.ids,
      outcomes: this.dice.outcomes,
    };
  }

  snapshotTiming(): SnapshotTiming {
    return {
      anchorMs: this.settings.startTimeMs,
      intervalMs: this.durationMs(SNAPSHOT_BASE_SECONDS.interval),
      completionMs: this.durationMs(SNAPSHOT_BASE_SECONDS.completion),
      deletionAfterDisconnectMs: this.durationMs(
        SNAPSHOT_BASE_SECONDS.deletionAfterDisconnect,
      ),
    };
  }

  viewContext(now: number): ViewContext {
    return {
      now,
      addedToServiceAt: this.settings.startTimeMs - SERVICE_AGE_MS,
    };
  }

  /**
   * The account a signed request sees in its region: the one whose ID is the access
   * key ID, else the first account the inventory lists for that region.
   */
  tenantFor(region: string, accessKeyId: string): Tenant | undefined {
    const inRegion = this.tenants.filter(tenant => tenant.region === region);
    return (
      inRegion.find(tenant => tenant.accountId === accessKeyId) ?? inRegion[0]
    );
  }

  setReplication(update: ReplicationUpdate): SimulatorServerState {
    return this.changeReplication(update)[0];
  }

  setServersReplication(
    update: ServersReplicationUpdate,
  ): SimulatorServerState[] {
    return this.changeReplication(update);
  }

  /** Either kind of update, as the journal replays it; returns the servers it changed. */
  changeReplication(
    update: ReplicationUpdate | ServersReplicationUpdate,
  ): SimulatorServerState[] {
    checkReplicationUpdate(update);
    const now = this.sync();
    const timing = this.snapshotTiming();
    const servers = selectServers(this.tenants, update);
    for (const server of servers) {
      applyReplicationUpdate(server, update, now, timing);
    }
    this.journal?.append({ at: now, kind: 'replication', update });
    return servers.map(server => serverState(server, now, timing));
  }

  describe(): SimulatorState {
    const now = this.sync();
    return {
      clock: this.clock.mode,
      now: iso(now),
      speed: this.settings.speed,
      seed: this.settings.seed,
      faults: this.faults,
      quotas: this.settings.quotas,
      accounts: this.tenants.map(tenant =>
        accountState(tenant, now, this.snapshotTiming()),
      ),
    };
  }
}
