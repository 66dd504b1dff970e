import { Table, TableColumn } from '@backstage/core-components';
import {
  ExecutionStep,
  isStepEnded,
  StepType,
} from '@drs-orchestration/plugin-drs-common';
import { Typography } from '@material-ui/core';
import { formatSeconds, formatTimesIn, formatTimestamp } from '../format';
import { PrincipalLink } from '../PrincipalLink/PrincipalLink';
import { StatusChip } from '../StatusChip/StatusChip';
import { Timestamp } from '../Timestamp/Timestamp';
import { TABLE_OPTIONS } from '../tableOptions';

const typeLabels: Record<StepType, string> = {
  automation: 'SSM Automation',
  approval: 'approval',
  wait: 'wait',
};

/** When a step ended, or while it runs, when it will. */
function endOf(step: ExecutionStep): string {
  if (isStepEnded(step.status)) return formatTimestamp(step.endedAt);
  if (step.status === 'PENDING') return '—';
  if (step.type === 'wait' && step.waitUntil) {
    return `waits until ${formatTimestamp(step.waitUntil)}`;
  }
  return `times out at ${formatTimestamp(step.deadlineAt)}`;
}

/** What the step did: the runbook and its outputs, who approved, how long it waits. */
function detailsOf(step: ExecutionStep): string[] {
  if (step.type === 'wait') return [`waits ${formatSeconds(step.seconds)}`];
  // an approval says who approved it in StepDetails, with a link to them
  if (step.type === 'approval') return [];
  const runbook = [step.documentName, step.documentVersion]
    .filter(Boolean)
    .join(' version ');
  return [
    runbook,
    ...(step.automationExecutionId
      ? [
          `automation ${step.automationExecutionId}${
            step.automationStatus ? ` (${step.automationStatus})` : ''
          }`,
        ]
      : []),
    ...Object.entries(step.outputs ?? {}).map(
      ([name, values]) => `${name}: ${values.join(', ')}`,
    ),
    ...(step.outputsTruncated
      ? ['some outputs were left out or cut short']
      : []),
  ];
}

function StepDetails({ step }: { step: ExecutionStep }) {
  const failed = step.status === 'FAILED' || step.status === 'TIMED_OUT';
  return (
    <>
      {step.type === 'approval' && step.approvedAt && (
        <Typography variant="body2">
          approved by <PrincipalLink principal={step.approvedBy} /> at{' '}
          {formatTimestamp(step.approvedAt)}
        </Typography>
      )}
      {detailsOf(step).map(line => (
        <Typography key={line} variant="body2">
          {line}
        </Typography>
      ))}
      {step.failureReason && (
        <Typography variant="body2" color={failed ? 'error' : 'textSecondary'}>
          {formatTimesIn(step.failureReason)}
        </Typography>
      )}
    </>
  );
}

const columns: TableColumn<ExecutionStep>[] = [
  {
    title: 'Step',
    highlight: true,
    render: step => (
      <>
        {step.name}
        <Typography variant="caption" color="textSecondary" component="div">
          {step.phase === 'before' ? 'before the launch' : 'after'} ·{' '}
          {typeLabels[step.type]}
        </Typography>
      </>
    ),
  },
  { title: 'Status', render: step => <StatusChip status={step.status} /> },
  {
    title: 'Started',
    render: step => <Timestamp at={step.startedAt} exact />,
  },
  { title: 'Ended', render: endOf },
  { title: 'Details', render: step => <StepDetails step={step} /> },
];

/** A wave's steps in the order they run: before its launch, then after. */
export function WaveStepsTable({ steps }: { steps: ExecutionStep[] }) {
  return (
    <Table<ExecutionStep>
      title="Steps"
      options={{
        ...TABLE_OPTIONS,
        paging: false,
        search: false,
      }}
      columns={columns}
      data={steps}
    />
  );
}
