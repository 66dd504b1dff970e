import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { Execution } from '@drs-orchestration/plugin-drs-common';
import { formatDuration, formatTimestamp } from '../format';
import { StatusChip } from '../StatusChip/StatusChip';

const terminateLabels = {
  REQUESTED: 'requested',
  STARTED: 'in progress',
  COMPLETED: 'done',
  FAILED: 'failed',
};

/** What ran, who started it, and when, in the viewer's time zone. */
export function ExecutionFacts({ execution }: { execution: Execution }) {
  const terminate = execution.requests.terminate;
  return (
    <InfoCard title={execution.planName} subheader={execution.mode}>
      <StructuredMetadataTable
        metadata={{
          status: <StatusChip status={execution.status} />,
          ...(execution.statusReason && { reason: execution.statusReason }),
          mode: execution.mode,
          'initiated by': execution.initiatedBy,
          created: formatTimestamp(execution.createdAt),
          started: formatTimestamp(execution.startedAt),
          ended: formatTimestamp(execution.endedAt),
          duration: formatDuration(
            execution.startedAt ?? execution.createdAt,
            execution.endedAt,
          ),
          'times out at': formatTimestamp(execution.timeoutAt),
          region: [execution.accountId, execution.region]
            .filter(Boolean)
            .join(' / '),
          ...(execution.requests.cancel && {
            'cancel requested': `${formatTimestamp(
              execution.requests.cancel.at,
            )} by ${execution.requests.cancel.by}`,
          }),
          ...(terminate && {
            'drill instances termination': `${
              terminateLabels[terminate.status ?? 'REQUESTED']
            } (asked ${formatTimestamp(terminate.at)} by ${terminate.by})${
              terminate.failureReason ? `: ${terminate.failureReason}` : ''
            }`,
          }),
        }}
      />
    </InfoCard>
  );
}
