import { describeSeconds } from './durations';
import { choosePointInTime, secondsSince } from './pointsInTime';
import {
  PlanReadiness,
  PointInTimeChoice,
  PointsInTimeRead,
  RecoveryPoint,
  ServerReadiness,
} from './recoveryPoints';
import { isReplicating, isReplicationContinuous } from './replication';
import { ExecutionMode } from './statuses';
import { PlanWave, SourceServer } from './types';

/**
 * Replication lag, or a point in time this far before a cut-off, above which a launch still
 * works but the operator must know how much data it loses.
 *
 * @public
 */
export const LAG_WARNING_SECONDS = 15 * 60;

const LATEST: PointInTimeChoice = { type: 'latest' };

/** A server as messages name it: its hostname and ID, or its ID when DRS does not know it. */
export function serverName(server: ServerReadiness): string {
  return server.hostname
    ? `${server.hostname} (${server.sourceServerId})`
    : server.sourceServerId;
}

/**
 * What a start asks of every server: the mode, the point in time, whether a drill may launch
 * servers whose replication is not healthy, and the instant the data-loss windows are measured at.
 *
 * @public
 */
export interface ReadinessOptions {
  /** Drill or recovery: a drill also needs healthy replication. */
  mode: ExecutionMode;
  /** Default: DRS's latest point in time. */
  pointInTime?: PointInTimeChoice;
  /** A drill launches servers whose replication is not CONTINUOUS, from their points in time. */
  allowDegradedReplication?: boolean;
  /** When a launch would happen: the data-loss windows are measured to it. */
  now: Date;
}

/**
 * One server of a plan to assess, with what DRS says of it.
 *
 * @public
 */
export interface ServerToAssess {
  /** The DRS ID the plan names. */
  sourceServerId: string;
  /** The plan's wave the server is in. */
  waveName: string;
  /** DRS's view of the server; absent when it is not one of the entity's servers. */
  server?: SourceServer;
  /**
   * Its recovery snapshots, or why they could not be read; absent when not read, which only a
   * replicating server on DRS's latest point in time does without (see {@link needsPointsInTime}).
   */
  pointsInTime?: PointsInTimeRead;
  /** The server a snapshot ID belongs to, where known: tells a snapshot given to the wrong server. */
  ownerOf?: (snapshotId: string) => string | undefined;
}

/**
 * Whether a server's recovery snapshots decide its launch. A replicating server launched on
 * DRS's latest point in time gets a fresh one taken at launch; every other launch uses a point
 * in time already taken.
 *
 * @public
 */
export function needsPointsInTime(
  server: SourceServer,
  choice: PointInTimeChoice = LATEST,
): boolean {
  return choice.type !== 'latest' || !isReplicating(server.replicationState);
}

function warningOf(
  server: SourceServer,
  choice: PointInTimeChoice,
  point: RecoveryPoint | undefined,
  dataLossSeconds: number | undefined,
): string | undefined {
  const state = server.replicationState;
  const loss =
    dataLossSeconds === undefined
      ? ''
      : `, losing ${describeSeconds(dataLossSeconds)} of data`;
  if (!isReplicating(state)) {
    return `is ${state}, not replicating: it launches from its point in time of ${point?.at}${loss}`;
  }
  if (!isReplicationContinuous(state)) {
    return `is ${state}: replication is behind the source${loss}`;
  }
  if (
    choice.type === 'latest' &&
    server.lagSeconds !== undefined &&
    server.lagSeconds > LAG_WARNING_SECONDS
  ) {
    return `lags ${Math.round(
      server.lagSeconds / 60,
    )} minutes behind; a recovery now would lose that much data`;
  }
  if (choice.type === 'before' && point) {
    const gapSeconds = (Date.parse(choice.at) - Date.parse(point.at)) / 1000;
    if (gapSeconds > LAG_WARNING_SECONDS) {
      return `has no point in time closer to the cut-off than ${
        point.at
      }, ${describeSeconds(gapSeconds)} before it`;
    }
  }
  return undefined;
}

/**
 * Whether one server can be launched now for this mode and point in time, from what, and with
 * how much data lost. A server launches from a completed point in time that qualifies for the
 * choice; a replicating server on DRS's latest gets one taken at launch. Replication that lags,
 * stalled or stopped is a warning for a recovery; a drill refuses anything but CONTINUOUS
 * unless `allowDegradedReplication`. Snapshots that could not be read block the server.
 *
 * @public
 */
export function serverReadiness(
  input: ServerToAssess,
  options: ReadinessOptions,
): ServerReadiness {
  const { server, sourceServerId, waveName } = input;
  const base = {
    sourceServerId,
    hostname: server?.hostname,
    waveName,
    replicationState: server?.replicationState,
    lagSeconds: server?.lagSeconds,
  };
  const blocked = (
    blockingReason: string,
    figures: Partial<ServerReadiness> = {},
  ): ServerReadiness => ({
    ...base,
    ...figures,
    launchable: false,
    blockingReason,
  });
  if (!server) {
    return blocked(
      "is not one of this entity's DRS source servers (check its tags or the entity's annotations)",
    );
  }
  const read = input.pointsInTime;
  if (read && 'error' in read) {
    return blocked(
      `has points in time that could not be read from DRS (${read.error}); try again shortly`,
    );
  }
  const choice = options.pointInTime ?? LATEST;
  const state = server.replicationState;
  const freshAtLaunch = !needsPointsInTime(server, choice);
  const outcome =
    read &&
    choosePointInTime({
      snapshots: read.snapshots,
      sourceServerId,
      replicationState: state,
      choice,
      ownerOf: input.ownerOf,
    });
  const point = outcome?.point;
  const dataLossSeconds =
    freshAtLaunch && server.lagSeconds !== undefined
      ? server.lagSeconds
      : point && secondsSince(point, options.now);
  const figures = { pointInTime: point, dataLossSeconds };
  if (!freshAtLaunch && !point) {
    return blocked(
      outcome?.problem ??
        'has points in time that were not read from DRS; try again',
      figures,
    );
  }
  if (
    options.mode === 'DRILL' &&
    !isReplicationContinuous(state) &&
    !options.allowDegradedReplication
  ) {
    return blocked(
      `is ${state}; a drill needs CONTINUOUS replication, as a drill from a stale point in time proves little. Start the drill with allowDegradedReplication to launch it from its point in time anyway`,
      figures,
    );
  }
  return {
    ...base,
    ...figures,
    launchable: true,
    warning: warningOf(server, choice, point, dataLossSeconds),
  };
}

/**
 * The largest data-loss window among the servers; undefined when none has one.
 *
 * @public
 */
export function worstDataLoss(
  servers: ServerReadiness[],
): ServerReadiness | undefined {
  let worst: ServerReadiness | undefined;
  for (const server of servers) {
    if (server.dataLossSeconds === undefined) continue;
    if (!worst || server.dataLossSeconds > worst.dataLossSeconds!) {
      worst = server;
    }
  }
  return worst;
}

/**
 * Every server of a plan, wave by wave, assessed with {@link serverReadiness}.
 * `pointsInTime` holds what DRS said of each server's recovery snapshots, by source server ID.
 *
 * @public
 */
export function planReadiness(
  plan: { waves: Pick<PlanWave, 'name' | 'sourceServerIds'>[] },
  entityServers: SourceServer[],
  pointsInTime: Readonly<Record<string, PointsInTimeRead>>,
  options: ReadinessOptions,
): PlanReadiness {
  const byId = new Map(entityServers.map(s => [s.sourceServerId, s]));
  const owners = new Map<string, string>();
  for (const read of Object.values(pointsInTime)) {
    if ('error' in read) continue;
    for (const snapshot of read.snapshots) {
      owners.set(snapshot.snapshotId, snapshot.sourceServerId);
    }
  }
  const servers = plan.waves.flatMap(wave =>
    wave.sourceServerIds.map(sourceServerId =>
      serverReadiness(
        {
          sourceServerId,
          waveName: wave.name,
          server: byId.get(sourceServerId),
          pointsInTime: pointsInTime[sourceServerId],
          ownerOf: snapshotId => owners.get(snapshotId),
        },
        options,
      ),
    ),
  );
  return {
    servers,
    worstDataLossSeconds: worstDataLoss(servers)?.dataLossSeconds,
  };
}
