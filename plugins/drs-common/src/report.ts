import { Execution } from './types';

export interface WaveReport {
  name: string;
  status: string;
  startedAt?: string;
  endedAt?: string;
  /** Measured recovery time of the wave: from its launch to its end. */
  seconds?: number;
  servers: {
    sourceServerId: string;
    hostname?: string;
    status: string;
    launchStatus?: string;
    ec2InstanceId?: string;
    failureReason?: string;
  }[];
}

export interface ExecutionReport {
  executionId: string;
  planName: string;
  entityRef: string;
  mode: string;
  status: string;
  statusReason?: string;
  initiatedBy: string;
  startedAt?: string;
  endedAt?: string;
  /** Measured total recovery time: from the start of the execution to its end. */
  totalSeconds?: number;
  waves: WaveReport[];
  serversLaunched: number;
  serversFailed: number;
}

function secondsBetween(start?: string, end?: string): number | undefined {
  if (!start || !end) return undefined;
  const seconds = (Date.parse(end) - Date.parse(start)) / 1000;
  return Number.isFinite(seconds) && seconds >= 0
    ? Math.round(seconds)
    : undefined;
}

/** What a drill measured: per-wave and total recovery time, and each server's outcome. */
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

/** The report as Markdown, for pasting into a ticket or a post-drill review. */
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
