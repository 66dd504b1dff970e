import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { PollingMetadata } from '@drs-orchestration/plugin-drs-common';
import { formatTimestamp } from '../format';

/** How the engine follows the execution: its last and next look at DRS, and what went wrong. */
export function PollingInfo({ polling }: { polling: PollingMetadata }) {
  return (
    <InfoCard title="Polling">
      <StructuredMetadataTable
        metadata={{
          'last polled': formatTimestamp(polling.lastPolledAt),
          'poll count': String(polling.pollCount),
          'next poll': formatTimestamp(polling.nextPollAt),
          'last error': polling.lastError
            ? `${polling.lastError} (${formatTimestamp(polling.lastErrorAt)})`
            : 'none',
        }}
      />
    </InfoCard>
  );
}
