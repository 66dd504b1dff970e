import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import {
  ExecutionStatus,
  isTerminalExecutionStatus,
  PollingMetadata,
} from '@drs-orchestration/plugin-drs-common';
import { formatTimestamp } from '../format';
import { Timestamp } from '../Timestamp/Timestamp';

/**
 * The next look at DRS as the viewer should read it: a time still ahead, or why there is none
 * (a next poll "41 seconds ago" under a paused or ended execution would say the engine is late).
 */
function nextPoll(
  polling: PollingMetadata,
  status: ExecutionStatus,
  now: number,
) {
  if (polling.nextPollAt && Date.parse(polling.nextPollAt) > now) {
    return <Timestamp at={polling.nextPollAt} />;
  }
  if (isTerminalExecutionStatus(status)) return 'none: the execution has ended';
  if (status === 'PAUSED') return 'when a wave is approved or resumed';
  return 'due now';
}

/** How the engine follows the execution: its last and next look at DRS, and what went wrong. */
export function PollingInfo({
  polling,
  status,
}: {
  polling: PollingMetadata;
  status: ExecutionStatus;
}) {
  return (
    <InfoCard title="Polling">
      <StructuredMetadataTable
        metadata={{
          'last polled': <Timestamp at={polling.lastPolledAt} />,
          'poll count': String(polling.pollCount),
          'next poll': nextPoll(polling, status, Date.now()),
          'last error': polling.lastError
            ? `${polling.lastError} (${formatTimestamp(polling.lastErrorAt)})`
            : 'none',
        }}
      />
    </InfoCard>
  );
}
