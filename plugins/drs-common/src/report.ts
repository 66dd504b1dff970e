import { worstDataLossSeconds } from './executions';
import { PointInTimeChoice } from './recoveryPoints';
import { Execution } from './executionTypes';

/**
 * One wave's outcome in an {@link ExecutionReport}.
 *
 * @public
 */
export interface WaveReport {
  /** The wave's name in the plan. */
  name: string;
  /** Its status when the report was made (a WaveStatus). */
  status: string;
  /** When the wave started, ISO-8601. */
  startedAt?: string;
  /** When the wave ended, ISO-8601; absent while it runs. */
  endedAt?: string;
  /** Measured recovery time of the wave: from its launch to its end. */
  seconds?: number;
  /** Each server of the wave and how its launch went. */
  servers: {
    sourceServerId: string;
    hostname?: string;
    status: string;
    launchStatus?: string;
    ec2InstanceId?: string;
    failureReason?: string;
    /** The recovery snapshot the start chose for the server; absent when DRS used its latest. */
    recoverySnapshotId?: string;
    /** The point in time the launch used, ISO-8601: DRS's once launched, else the chosen one. */
    pointInTimeAt?: string;
    /** Achieved data loss: the launch time minus the point in time; absent if it failed. */
    dataLossSeconds?: number;
  }[];
}

/**
 * What an execution measured and how it ended: the record of a post-drill review.
 *
 * @public
 */
export interface ExecutionReport {
  /** The execution reported on. */
  executionId: string;
  /** The plan's name when the execution started. */
  planName: string;
  /** The entity recovered. */
  entityRef: string;
  /** DRILL or RECOVERY. */
  mode: string;
  /** The execution's status when the report was made (an ExecutionStatus). */
  status: string;
  /** Why the execution is in that status, e.g. what failed. */
  statusReason?: string;
  /** Who started the execution (a user entity ref). */
  initiatedBy: string;
  /** When the engine started the execution, ISO-8601. */
  startedAt?: string;
  /** When the execution ended, ISO-8601; absent while it runs. */
  endedAt?: string;
  /** Measured total recovery time: from the start of the execution to its end. */
  totalSeconds?: number;
  /** The point in time the start asked for; absent means DRS's latest. */
  pointInTime?: PointInTimeChoice;
  /** For a RECOVERY: the largest data-loss window the person who started it accepted. */
  acceptedDataLossSeconds?: number;
  /** For a DRILL: started although some servers' replication was not healthy. */
  allowDegradedReplication?: boolean;
  /** The achieved recovery point: the largest data loss among the servers, in seconds. */
  worstDataLossSeconds?: number;
  /** Each wave's outcome, in plan order. */
  waves: WaveReport[];
  /** Servers DRS launched (LAUNCHED or HEALTHY). */
  serversLaunched: number;
  /** Servers whose launch failed. */
  serversFailed: number;
}

function secondsBetween(start?: string, end?: string): number | undefined {
  if (!start || !end) return undefined;
  const seconds = (Date.parse(end) - Date.parse(start)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0
    ? Math.round(seconds)
    : undefined;
}

/**
 * What a drill measured: per-wave and total recovery time, and each server's outcome.
 *
 * @public
 */
export function executionReport(execution: Execution): ExecutionReport {
  const servers = execution.waves.flatMap(w => w.servers);
  return {
    executionId: execution.executionId,
    planName: execution.planName,
    entityRef: execution.entityRef,
    mode: execution.mode,
    status: execution.status,
    statusReason: execution.statusReason,
    initiatedBy: execution.initiatedBy,
    startedAt: execution.startedAt,
    endedAt: execution.endedAt,
    totalSeconds: secondsBetween(execution.startedAt, execution.endedAt),
    pointInTime: execution.pointInTime,
    acceptedDataLossSeconds: execution.acceptedDataLossSeconds,
    allowDegradedReplication: execution.allowDegradedReplication,
    worstDataLossSeconds: worstDataLossSeconds(execution),
    waves: execution.waves.map(wave => ({
      name: wave.name,
      status: wave.status,
      startedAt: wave.startedAt,
      endedAt: wave.endedAt,
      seconds: secondsBetween(wave.startedAt, wave.endedAt),
      servers: wave.servers.map(server => ({
        sourceServerId: server.sourceServerId,
        hostname: server.hostname,
        status: server.status,
        launchStatus: server.launchStatus,
        ec2InstanceId: server.ec2InstanceId,
        failureReason: server.failureReason,
        recoverySnapshotId: server.recoverySnapshotId,
        pointInTimeAt: server.pointInTimeAt,
        dataLossSeconds: server.dataLossSeconds,
      })),
    })),
    serversLaunched: servers.filter(
      s => s.status === 'LAUNCHED' || s.status === 'HEALTHY',
    ).length,
    serversFailed: servers.filter(s => s.status === 'FAILED').length,
  };
}

const cell = (value: unknown) =>
  value === undefined || value === ''
    ? '—'
    : String(value).replace(/\|/g, '\\|');

function describePointInTime(choice: PointInTimeChoice | undefined): string {
  if (choice?.type === 'before') return `latest at or before ${choice.at}`;
  if (choice?.type === 'snapshots') return 'a chosen snapshot per server';
  return "DRS's latest";
}

/** What the start chose and accepted, beside what the execution achieved. */
function recoveryPointLines(report: ExecutionReport): string[] {
  return [
    `- Point in time: ${describePointInTime(report.pointInTime)}`,
    ...(report.acceptedDataLossSeconds === undefined
      ? []
      : [`- Accepted data loss: ${report.acceptedDataLossSeconds} s`]),
    ...(report.allowDegradedReplication
      ? ['- Started with degraded replication']
      : []),
    `- Worst data loss (achieved recovery point): ${cell(
      report.worstDataLossSeconds,
    )} s`,
  ];
}

/**
 * The report as Markdown, for pasting into a ticket or a post-drill review.
 *
 * @public
 */
export function executionReportMarkdown(report: ExecutionReport): string {
  const lines = [
    `# ${report.mode === 'DRILL' ? 'DR drill' : 'Recovery'} report: ${
      report.planName
    }`,
    '',
    `- Entity: ${report.entityRef}`,
    `- Execution: ${report.executionId}`,
    `- Status: **${report.status}**${
      report.statusReason ? ` (${report.statusReason})` : ''
    }`,
    `- Initiated by: ${report.initiatedBy}`,
    `- Started: ${cell(report.startedAt)}; ended: ${cell(report.endedAt)}`,
    `- Measured recovery time: ${cell(report.totalSeconds)} s`,
    ...recoveryPointLines(report),
    `- Servers launched: ${report.serversLaunched}; failed: ${report.serversFailed}`,
    '',
    '## Waves',
    '',
    '| Wave | Status | Started | Ended | Seconds |',
    '| --- | --- | --- | --- | --- |',
    ...report.waves.map(
      w =>
        `| ${cell(w.name)} | ${w.status} | ${cell(w.startedAt)} | ${cell(
          w.endedAt,
        )} | ${cell(w.seconds)} |`,
    ),
    '',
    '## Servers',
    '',
    '| Wave | Hostname | Source server | Status | DRS launch status | EC2 instance | Snapshot | Point in time | Data loss (s) | Failure |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.waves.flatMap(w =>
      w.servers.map(s =>
        [
          '',
          cell(w.name),
          cell(s.hostname),
          s.sourceServerId,
          s.status,
          cell(s.launchStatus),
          cell(s.ec2InstanceId),
          cell(s.recoverySnapshotId),
          cell(s.pointInTimeAt),
          cell(s.dataLossSeconds),
          cell(s.failureReason),
          '',
        ]
          .join(' | ')
          .trim(),
      ),
    ),
    '',
  ];
  return lines.join('\n');
}
