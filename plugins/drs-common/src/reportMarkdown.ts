/** An execution report as Markdown, for pasting into a ticket or a post-drill review. */
import { PointInTimeChoice } from './recoveryPoints';
import {
  ExecutionReport,
  ReportObjective,
  StepReport,
  WaveReport,
} from './report';

const cell = (value: unknown) =>
  value === undefined || value === ''
    ? '—'
    : String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');

const row = (cells: unknown[]) => `| ${cells.join(' | ')} |`;

function describePointInTime(choice: PointInTimeChoice | undefined): string {
  if (choice?.type === 'before') return `latest at or before ${choice.at}`;
  if (choice?.type === 'snapshots') return 'a chosen snapshot per server';
  return "DRS's latest";
}

/** An objective beside a measurement: " (RTO PT1H = 3600 s: met)". */
function againstObjective(
  name: string,
  objective: ReportObjective | undefined,
): string {
  if (!objective) return '';
  const source = objective.source === 'plan' ? "the plan's" : "the entity's";
  return ` (${source} ${name} ${objective.objective} = ${objective.objectiveSeconds} s: ${objective.status})`;
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
    )} s${againstObjective('RPO', report.objectives?.rpo)}`,
  ];
}

/** The drill's cleanup and the terminate request, a person's or the cleanup's. */
function cleanupLines(report: ExecutionReport): string[] {
  const cleanup = report.drillCleanup;
  const terminate = report.terminate;
  const lines: string[] = [];
  if (cleanup) {
    const when = {
      WAITING: `keeps the instances ${cleanup.keepAliveSeconds} s after the drill`,
      SCHEDULED: `terminates the instances at ${cleanup.dueAt}`,
      REQUESTED: `asked to terminate the instances at ${cleanup.requestedAt}`,
      NOT_NEEDED: `not needed (${cleanup.reason})`,
    }[cleanup.status];
    lines.push(`- Drill cleanup: ${when}`);
  }
  if (terminate) {
    lines.push(
      `- Terminate instances: ${terminate.status ?? 'REQUESTED'}, asked by ${
        terminate.by
      } at ${terminate.at}${
        terminate.failureReason ? ` (${terminate.failureReason})` : ''
      }`,
    );
  }
  return lines;
}

/** What a step produced: why it did not succeed, its outputs, or its approval. */
function stepOutcome(step: StepReport): string | undefined {
  if (step.failureReason) return step.failureReason;
  if (step.outputs && Object.keys(step.outputs).length > 0) {
    return Object.entries(step.outputs)
      .map(([name, values]) => `${name}=${values.join(',')}`)
      .join('; ');
  }
  return (
    step.approvedBy && `approved by ${step.approvedBy} at ${step.approvedAt}`
  );
}

function stepLines(waves: WaveReport[]): string[] {
  const rows = waves.flatMap(w =>
    w.steps.map(s =>
      row([
        cell(w.name),
        s.phase,
        cell(s.name),
        s.type,
        s.status,
        cell(s.startedAt),
        cell(s.endedAt),
        cell(s.seconds),
        cell(s.automationExecutionId),
        cell(stepOutcome(s)),
      ]),
    ),
  );
  if (rows.length === 0) return [];
  return [
    '## Steps',
    '',
    '| Wave | Phase | Step | Type | Status | Started | Ended | Seconds | SSM automation | Outcome |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

function serverLines(waves: WaveReport[]): string[] {
  return [
    '## Servers',
    '',
    '| Wave | Hostname | Source server | Status | DRS launch status | EC2 instance | Status checks | Healthy at | Snapshot | Point in time | Data loss (s) | Failure |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...waves.flatMap(w =>
      w.servers.map(s =>
        row([
          cell(w.name),
          cell(s.hostname),
          s.sourceServerId,
          s.status,
          cell(s.launchStatus),
          cell(s.ec2InstanceId),
          cell(
            s.statusChecks &&
              `instance ${s.statusChecks.instance}, system ${s.statusChecks.system}`,
          ),
          cell(s.healthyAt),
          cell(s.recoverySnapshotId),
          cell(s.pointInTimeAt),
          cell(s.dataLossSeconds),
          cell(s.failureReason),
        ]),
      ),
    ),
    '',
  ];
}

/**
 * The report as Markdown, for pasting into a ticket or a post-drill review.
 *
 * @public
 */
export function executionReportMarkdown(report: ExecutionReport): string {
  const lines = [
    `# ${
      { DRILL: 'DR drill', RECOVERY: 'Recovery', FAILBACK: 'Failback' }[
        report.mode
      ]
    } report: ${report.planName}`,
    '',
    `- Entity: ${report.entityRef}`,
    `- Execution: ${report.executionId}`,
    `- Status: **${report.status}**${
      report.statusReason ? ` (${report.statusReason})` : ''
    }`,
    `- Initiated by: ${report.initiatedBy}`,
    `- Started: ${cell(report.startedAt)}; ended: ${cell(report.endedAt)}`,
    `- Measured recovery time: ${cell(report.totalSeconds)} s${againstObjective(
      'RTO',
      report.objectives?.rto,
    )}`,
    ...recoveryPointLines(report),
    `- Servers launched: ${report.serversLaunched}; failed: ${report.serversFailed}`,
    ...cleanupLines(report),
    '',
    '## Waves',
    '',
    '| Wave | Status | Started | Ended | Seconds |',
    '| --- | --- | --- | --- | --- |',
    ...report.waves.map(w =>
      row([
        cell(w.name),
        w.status,
        cell(w.startedAt),
        cell(w.endedAt),
        cell(w.seconds),
      ]),
    ),
    '',
    ...stepLines(report.waves),
    ...serverLines(report.waves),
  ];
  return lines.join('\n');
}
