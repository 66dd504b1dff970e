import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { PollingMetadata } from '@drs-orchestration/plugin-drs-common';
import { formatTimestamp } from '../format';
import { Timestamp } from '../Timestamp/Timestamp';

/** How the engine follows the execution: its last and next look at DRS, and what went wrong. */
export function PollingInfo({ polling }: { polling: PollingMetadata }) {
  return (
    <InfoCard title="Polling">
      <StructuredMetadataTable
        metadata={{
          'last polled': <Timestamp at={polling.lastPolledAt} />,
          'poll count': String(polling.pollCount),
          'next poll': <Timestamp at={polling.nextPollAt} />,
          'last error': polling.lastError
            ? `${polling.lastError} (${formatTimestamp(polling.lastErrorAt)})`
            : 'none',
        }}
      />
    </InfoCard>
  );
}
