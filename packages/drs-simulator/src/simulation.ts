import { ClockMode, createClock, SimulatorClock } from './clock';
import { SettingsError } from './errors';
import { Dice } from './dice';
import { EventQueue } from './eventQueue';
import { mergeFaults, SimulatorFaults } from './faults';
import { FailurePhase, ResolvedInventory } from './inventory';
import { LifecycleContext } from './lifecycle';
import { enumValues, loadServiceModel } from './model';
import { SimulatorQuotas } from './quotas';
import { SNAPSHOT_BASE_SECONDS, SnapshotTiming } from './snapshots';
import {
  currentLagSeconds,
  LAUNCHABLE_REPLICATION_STATES,
  LastLaunchResult,
  LaunchStatus,
  SourceServerRecord,
  Tenant,
} from './state';
import { iso, ViewContext } from './views';
import type { JournalWriter } from './journal';

export interface SimulationSettings {
  inventory: ResolvedInventory;
  clock: ClockMode;
  speed: number;
  seed: number;
  startTimeMs: number;
  quotas: SimulatorQuotas;
  faults: SimulatorFaults;
}

/** What the simulator was asked, for tests that check a caller's behaviour. */
export interface SimulatorCallLog {
  /** DRS calls received, including those answered with an injected fault. */
  total: number;
  byOperation: Record<string, number>;
  /** Calls answered with an injected fault instead of being served. */
  injected: { throttled: number; internalErrors: number };
  /**
   * StartRecovery calls that reached DRS logic (not dropped by an injected throttle
   * or 500), per source server ID, whether they then created a job or were refused.
   */
  startRecoveryBySourceServer: Record<string, number>;
  /** Launch jobs created per source server ID. */
  launchesBySourceServer: Record<string, number>;
}

/** Changes a source server's replication at run time. */
export interface ReplicationUpdate {
  /** Source server ID or hostname. */
  sourceServer: string;
  /** Needed only when the hostname exists in several regions or accounts. */
  region?: string;
  replicationState?: string;
  lagSeconds?: number;
}

export interface SimulatorServerState {
  sourceServerID: string;
  hostname: string;
  replicationState: string;
  lagSeconds: number;
  failAt?: FailurePhase;
  lastLaunchResult: LastLaunchResult;
  recoveryInstanceID?: string;
}

/** The whole simulated world, as `GET /_sim/state` shows it. */
export interface SimulatorState {
  clock: ClockMode;
  now: string;
  speed: number;
  seed: number;
  faults: SimulatorFaults;
  quotas: SimulatorQuotas;
  accounts: {
    accountId: string;
    region: string;
    sourceServers: SimulatorServerState[];
    jobs: {
      jobID: string;
      type: string;
      status: string;
      isDrill: boolean;
      hangs: boolean;
      creationDateTime: string;
      participatingServers: {
        sourceServerID: string;
        launchStatus: LaunchStatus;
        recoveryInstanceID?: string;
      }[];
    }[];
    recoveryInstances: {
      recoveryInstanceID: string;
      sourceServerID: string;
      jobID: string;
      ec2InstanceState: string;
      isDrill: boolean;
    }[];
  }[];
}

/** Servers were added to DRS this long before the simulator started. */
const SERVICE_AGE_MS = 30 * 24 * 3600 * 1000;

function emptyCallLog(): SimulatorCallLog {
  return {
    total: 0,
    byOperation: {},
    injected: { throttled: 0, internalErrors: 0 },
    startRecoveryBySourceServer: {},
    launchesBySourceServer: {},
  };
}

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
    this.tenants = this.settings.inventory.accounts.map(account => ({
      accountId: account.accountId,
      region: account.region,
      servers: new Map(
        account.sourceServers.map(server => [
          server.sourceServerID,
          {
            accountId: account.accountId,
            region: account.region,
            sourceServerID: server.sourceServerID,
            hostname: server.hostname,
            tags: { ...server.tags },
            ...(server.failAt ? { failAt: server.failAt } : {}),
            replicationState: server.replicationState,
            lagSeconds: server.lagSeconds,
            // A server that is not replicating stopped `lagSeconds` ago.
            replicationStateSince: LAUNCHABLE_REPLICATION_STATES.has(
              server.replicationState,
            )
              ? now
              : now - server.lagSeconds * 1000,
            lastLaunchResult: 'NOT_STARTED' as const,
            launchSnapshots: [],
          },
        ]),
      ),
      jobs: [],
      latestJobBySourceServer: new Map(),
      recoveryInstances: new Map(),
    }));
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

  /** A server by ID or hostname (optionally within one region); errors say why none or several matched. */
  findServer(reference: string, region?: string): SourceServerRecord {
    const matches = this.tenants
      .filter(tenant => !region || tenant.region === region)
      .flatMap(tenant => [...tenant.servers.values()])
      .filter(
        server =>
          server.sourceServerID === reference || server.hostname === reference,
      );
    if (matches.length === 0) {
      throw new SettingsError(
        `no source server ${reference}${region ? ` in ${region}` : ''}`,
      );
    }
    if (matches.length > 1) {
      throw new SettingsError(
        `${reference} names ${matches.length} servers (${matches
          .map(s => `${s.sourceServerID} in ${s.accountId}/${s.region}`)
          .join(', ')}); use its ID or give a region`,
      );
    }
    return matches[0];
  }

  setReplication(update: ReplicationUpdate): SimulatorServerState {
    if (typeof update?.sourceServer !== 'string') {
      throw new SettingsError('sourceServer (ID or hostname) is required');
    }
    const states = enumValues(loadServiceModel(), 'DataReplicationState');
    const { replicationState, lagSeconds } = update;
    if (replicationState !== undefined && !states.includes(replicationState)) {
      throw new SettingsError(
        `replicationState must be one of ${states.join(', ')}`,
      );
    }
    if (
      lagSeconds !== undefined &&
      (typeof lagSeconds !== 'number' || !(lagSeconds >= 0))
    ) {
      throw new SettingsError('lagSeconds must be a number >= 0');
    }
    const now = this.sync();
    const server = this.findServer(update.sourceServer, update.region);
    const wasReplicating = LAUNCHABLE_REPLICATION_STATES.has(
      server.replicationState,
    );
    if (lagSeconds !== undefined) server.lagSeconds = lagSeconds;
    if (replicationState !== undefined)
      server.replicationState = replicationState;
    if (LAUNCHABLE_REPLICATION_STATES.has(server.replicationState)) {
      server.replicationStateSince = now;
    } else if (wasReplicating || lagSeconds !== undefined) {
      server.replicationStateSince = now - server.lagSeconds * 1000;
    }
    this.journal?.append({ at: now, kind: 'replication', update });
    return this.serverState(server, now);
  }

  private serverState(
    server: SourceServerRecord,
    now: number,
  ): SimulatorServerState {
    return {
      sourceServerID: server.sourceServerID,
      hostname: server.hostname,
      replicationState: server.replicationState,
      lagSeconds: currentLagSeconds(server, now),
      ...(server.failAt ? { failAt: server.failAt } : {}),
      lastLaunchResult: server.lastLaunchResult,
      ...(server.recoveryInstanceID
        ? { recoveryInstanceID: server.recoveryInstanceID }
        : {}),
    };
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
      accounts: this.tenants.map(tenant => ({
        accountId: tenant.accountId,
        region: tenant.region,
        sourceServers: [...tenant.servers.values()].map(server =>
          this.serverState(server, now),
        ),
        jobs: tenant.jobs.map(job => ({
          jobID: job.jobID,
          type: job.type,
          status: job.status,
          isDrill: job.isDrill,
          hangs: job.hangs,
          creationDateTime: iso(job.createdAt),
          participatingServers: job.participants.map(participant => ({
            sourceServerID: participant.sourceServerID,
            launchStatus: participant.launchStatus,
            ...(participant.recoveryInstanceID
              ? { recoveryInstanceID: participant.recoveryInstanceID }
              : {}),
          })),
        })),
        recoveryInstances: [...tenant.recoveryInstances.values()].map(
          instance => ({
            recoveryInstanceID: instance.recoveryInstanceID,
            sourceServerID: instance.sourceServerID,
            jobID: instance.jobID,
            ec2InstanceState: instance.ec2State,
            isDrill: instance.isDrill,
          }),
        ),
      })),
    };
  }
}
