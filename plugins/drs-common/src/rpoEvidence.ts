import { describeSeconds } from './durations';
import { StatedObjective } from './objectiveDurations';
import {
  OBJECTIVE_AT_RISK_RATIO,
  ObjectiveStatus,
  RpoEvaluation,
  ServerRpoEvidence,
  statusOf,
} from './objectiveTypes';
import { completedPoints, secondsSince } from './pointsInTime';
import { PointsInTimeRead } from './recoveryPoints';
import { SourceServer } from './types';

/** One server's exposure: the larger of its lag and its latest point in time's age. */
export function serverRpoEvidence(
  server: SourceServer,
  read: PointsInTimeRead | undefined,
  now: Date,
): ServerRpoEvidence {
  const base = {
    sourceServerId: server.sourceServerId,
    hostname: server.hostname || undefined,
    lagSeconds: server.lagSeconds,
  };
  if (!read) return { ...base, problem: 'its points in time were not read' };
  if ('error' in read) {
    return {
      ...base,
      problem: `its points in time could not be read from DRS (${read.error})`,
    };
  }
  const latest = completedPoints(read.snapshots, server.sourceServerId)[0];
  if (!latest) {
    return { ...base, problem: 'it has no completed point in time' };
  }
  const age = secondsSince(latest, now);
  return {
    ...base,
    pointInTimeAt: latest.at,
    pointInTimeAgeSeconds: age,
    exposureSeconds: Math.max(age, server.lagSeconds ?? 0),
  };
}

function serverStatus(
  evidence: ServerRpoEvidence,
  objectiveSeconds: number,
): ObjectiveStatus {
  if (evidence.exposureSeconds === undefined) {
    return evidence.problem === 'it has no completed point in time'
      ? 'breached'
      : 'unknown';
  }
  return statusOf(evidence.exposureSeconds, objectiveSeconds);
}

const ORDER: ObjectiveStatus[] = [
  'breached',
  'at-risk',
  'unknown',
  'met',
  'never-drilled',
];

function describeServer(evidence: ServerRpoEvidence): string {
  const name = evidence.hostname ?? evidence.sourceServerId;
  if (evidence.exposureSeconds === undefined) {
    return `${name}: ${evidence.problem}`;
  }
  const lag =
    evidence.lagSeconds === undefined
      ? ''
      : `, lag ${describeSeconds(evidence.lagSeconds)}`;
  return `${name}: latest point in time ${describeSeconds(
    evidence.pointInTimeAgeSeconds!,
  )} old${lag}`;
}

/**
 * Every server held against the RPO; the standing is its worst server's (breached, then at
 * risk, then unknown), and that server and the largest exposure are the figures shown.
 */
export function rpoEvidence(
  objective: StatedObjective,
  servers: SourceServer[],
  pointsInTime: Readonly<Record<string, PointsInTimeRead>>,
  now: Date,
): Pick<
  RpoEvaluation,
  'status' | 'reason' | 'serverCount' | 'worstServer' | 'worstExposureSeconds'
> {
  const judged = servers.map(server => {
    const evidence = serverRpoEvidence(
      server,
      pointsInTime[server.sourceServerId],
      now,
    );
    return { evidence, status: serverStatus(evidence, objective.seconds) };
  });
  judged.sort(
    (a, b) =>
      ORDER.indexOf(a.status) - ORDER.indexOf(b.status) ||
      (b.evidence.exposureSeconds ?? -1) - (a.evidence.exposureSeconds ?? -1),
  );
  const [first] = judged;
  const exposures = judged.flatMap(j =>
    j.evidence.exposureSeconds === undefined
      ? []
      : [j.evidence.exposureSeconds],
  );
  const others = judged.filter(j => j.status === first.status).length - 1;
  const verdict = {
    breached: 'beyond',
    'at-risk': `within ${OBJECTIVE_AT_RISK_RATIO * 100}% of`,
    unknown: 'not known against',
    met: 'within',
    'never-drilled': '',
  }[first.status];
  return {
    status: first.status,
    serverCount: servers.length,
    worstServer: first.evidence,
    worstExposureSeconds:
      exposures.length > 0 ? Math.max(...exposures) : undefined,
    reason: `${describeServer(first.evidence)}${
      others > 0 ? ` (and ${others} more)` : ''
    }: ${verdict} the RPO of ${describeSeconds(objective.seconds)}`,
  };
}
