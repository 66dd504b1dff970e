import { emptyCallLog, SimulatorCallLog } from './callLog';
import { dynamodbProvisioner } from './cloudFormation/dynamodb';
import { RunnerContext } from './cloudFormation/actions';
import { CloudFormationWorld } from './cloudFormation/world';
import { ClockMode, createClock, SimulatorClock } from './clock';
import { Dice } from './dice';
import {
  STATUS_CHECK_BASE_SECONDS,
  StatusCheckContext,
} from './ec2/instanceStatus';
import { EventQueue } from './eventQueue';
import { entriesSince, mergeFaults, SimulatorFaults } from './faults';
import { ResolvedAutomationDocument, ResolvedInventory } from './inventory';
import { JournalWriter } from './journalEntries';
import { entryOf } from './maps';
import { resolveAutomationDocuments } from './loadAutomationDocuments';
import { JOB_PHASE_BASE_SECONDS, LifecycleContext } from './lifecycle';
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
import { reversedSourceGone } from './reversal';
import { SNAPSHOT_BASE_SECONDS, SnapshotTiming } from './snapshots';
import { emptyAutomations, TenantAutomations } from './ssm/automations';
import { AWS_OWNED_DOCUMENTS } from './ssm/documents';
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
  /** Where CloudFormation creates its DynamoDB tables; without it, they are only recorded. */
  dynamodbEndpoint?: string;
}

/** Servers were added to DRS this long before the simulator started. */
const SERVICE_AGE_MS = 30 * 24 * 3600 * 1000;

/** The simulated world: tenants, jobs, automations, time, faults. HTTP lives elsewhere. */
export class Simulation {
  readonly clock: SimulatorClock;
  faults!: SimulatorFaults;
  /** When each of `faults.failStatusChecks` began: an impaired check is impaired since then. */
  statusCheckFaultsSince!: Record<string, number>;
  calls!: SimulatorCallLog;
  tenants!: Tenant[];
  /** The automation documents StartAutomationExecution may name, by name. */
  documents!: Map<string, ResolvedAutomationDocument>;
  /**
   * Separate streams, so e.g. a throttle draw never changes the next job's ID, and SSM calls
   * never change DRS's IDs.
   */
  dice!: { ids: Dice; faults: Dice; outcomes: Dice; ssm: Dice };
  private readonly queue = new EventQueue();
  private automations = new Map<Tenant, TenantAutomations>();
  /** Stacks and change sets; the tables they make in DynamoDB outlive a reset. */
  readonly cloudFormation: CloudFormationWorld;
  /** Set when the world must outlive the process (see journal.ts). */
  journal?: JournalWriter;

  constructor(readonly settings: SimulationSettings) {
    this.clock = createClock(settings.clock, settings.startTimeMs);
    this.cloudFormation = new CloudFormationWorld(
      settings.dynamodbEndpoint
        ? dynamodbProvisioner(settings.dynamodbEndpoint)
        : undefined,
    );
    this.reset();
  }

  /** Back to the inventory as loaded: no jobs, no instances, initial faults, empty call log. */
  reset(): void {
    this.clock.reset();
    this.queue.clear();
    const now = this.clock.now();
    this.faults = { ...this.settings.faults };
    this.statusCheckFaultsSince = entriesSince(
      {},
      this.faults.failStatusChecks,
      {},
      now,
    );
    this.calls = emptyCallLog();
    const seed = this.settings.seed;
    this.dice = {
      ids: new Dice(seed),
      faults: new Dice(seed ^ 0x5bd1e995),
      outcomes: new Dice(seed ^ 0x27d4eb2f),
      ssm: new Dice(seed ^ 0x165667b1),
    };
    const { accounts, automationDocuments } = this.settings.inventory;
    this.tenants = accounts.map(account => tenantFromInventory(account, now));
    this.automations = new Map();
    this.cloudFormation.reset();
    this.documents = new Map(
      [...AWS_OWNED_DOCUMENTS, ...automationDocuments].map(document => [
        document.name,
        document,
      ]),
    );
    this.journal?.clear(now);
  }

  /** The current time, with every event due by then applied. */
  sync(): number {
    const now = this.clock.now();
    this.queue.runDue(now);
    this.cloudFormation.advance(now, this.stackRunner());
    return now;
  }

  /** What stack operations run with: durations at this speed, faults, the tables made for real. */
  stackRunner(): RunnerContext {
    const { provisioner } = this.cloudFormation;
    return {
      durationMs: seconds => this.durationMs(seconds),
      provisions: type => provisioner?.provisions(type) ?? false,
      failures: this.faults.failStackResources,
      changeSet: id => this.cloudFormation.changeSet(id),
    };
  }

  advance(seconds: number): void {
    const at = this.clock.now();
    this.clock.advance(seconds);
    this.journal?.append({ at, kind: 'advance', seconds });
    this.sync();
  }

  setFaults(patch: unknown): SimulatorFaults {
    const now = this.clock.now();
    const faults = mergeFaults(this.faults, patch);
    this.statusCheckFaultsSince = entriesSince(
      this.faults.failStatusChecks,
      faults.failStatusChecks,
      this.statusCheckFaultsSince,
      now,
    );
    this.faults = faults;
    this.journal?.append({ at: now, kind: 'faults', patch });
    return this.faults;
  }

  /** Adds automation documents, or replaces those of the same names; returns every document. */
  defineAutomationDocuments(documents: unknown): ResolvedAutomationDocument[] {
    for (const document of resolveAutomationDocuments(documents, 'documents')) {
      this.documents.set(document.name, document);
    }
    this.journal?.append({
      at: this.clock.now(),
      kind: 'documents',
      documents,
    });
    return [...this.documents.values()];
  }

  /** One account's automation runs in one region. */
  automationsOf(tenant: Tenant): TenantAutomations {
    return entryOf(this.automations, tenant, emptyAutomations);
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
      instanceGone: (instance, at) =>
        reversedSourceGone(this.tenants, this.snapshotTiming(), instance, at),
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
      automationDocuments: [...this.documents.keys()],
      accounts: this.tenants.map(tenant =>
        accountState(tenant, {
          now,
          timing: this.snapshotTiming(),
          automations: this.automationsOf(tenant),
          statusChecks: this.statusCheckContext(now),
          stacks: this.cloudFormation.of(tenant),
        }),
      ),
    };
  }

  /** What EC2 status checks read besides the instance. */
  statusCheckContext(now: number): StatusCheckContext {
    return {
      now,
      durationsMs: {
        boot: this.durationMs(JOB_PHASE_BASE_SECONDS.boot),
        initializing: this.durationMs(STATUS_CHECK_BASE_SECONDS.initializing),
      },
      failing: {
        checks: this.faults.failStatusChecks,
        since: this.statusCheckFaultsSince,
      },
    };
  }
}
