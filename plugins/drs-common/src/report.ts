import { Execution } from './types';

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
    '| Wave | Hostname | Source server | Status | DRS launch status | EC2 instance | Failure |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...report.waves.flatMap(w =>
      w.servers.map(
        s =>
          `| ${cell(w.name)} | ${cell(s.hostname)} | ${s.sourceServerId} | ${
            s.status
          } | ${cell(s.launchStatus)} | ${cell(s.ec2InstanceId)} | ${cell(
            s.failureReason,
          )} |`,
      ),
    ),
    '',
  ];
  return lines.join('\n');
}
