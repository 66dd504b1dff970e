import { useCallback } from 'react';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { entitySignalChannel } from '@drs-orchestration/plugin-drs-common';
import { Typography } from '@material-ui/core';
import { drsApiRef } from '../../api';
import { useDrsLinks } from '../../hooks/useDrsLinks';
import { useLiveData } from '../../hooks/useLiveData';
import { formatTimestamp } from '../format';
import { isReverseInFlight, WayBackStanding, wayBackStanding } from './wayBack';

/** Enough history to find the newest recovery and what followed it. */
const HISTORY_FOR_WAY_BACK = 20;

/** The standing in words, e.g. "Running in the recovery region (us-east-1) since …". */
export function describeStanding({
  state,
  execution,
  since,
}: WayBackStanding): string {
  const when = since ? ` since ${formatTimestamp(since)}` : '';
  const here = `Running in the recovery region (${execution.region})${when}`;
  const servers = execution.requests.reverseReplication?.servers ?? [];
  const continuous = servers.filter(server => server.continuousAt).length;
  const progress = `${continuous} of ${servers.length} servers CONTINUOUS`;
  switch (state) {
    case 'in-recovery-region':
      return `${here}. Not protected: reverse its replication to fail back.`;
    case 'reversing':
      return `${here}. Reverse replication in progress (${progress}).`;
    case 'ready-to-fail-back':
      return `${here}. Reverse replication CONTINUOUS: ready to fail back.`;
    case 'failing-back':
      return `Failing back to ${execution.region}${when}.`;
    case 'failed-back':
      return `Failed back to ${execution.region}${when}. Not protected until re-protected.`;
    case 'reprotecting':
      return `Failed back to ${execution.region}${when}. Re-protect in progress (${progress}).`;
    default:
      return `Protected: failed back to ${execution.region}, replicating to the recovery region again${when}.`;
  }
}

/**
 * Where the entity stands on the way back from its newest recovery, live; nothing when it
 * never recovered.
 */
export function WayBackHealth({ entityRef }: { entityRef: string }) {
  const drsApi = useApi(drsApiRef);
  const links = useDrsLinks();
  const signal = useSignal(entitySignalChannel(entityRef));
  const history = useLiveData(
    // async: whatever goes wrong reading the history only hides this line, never the card
    useCallback(
      async () =>
        drsApi.listExecutions(entityRef, { limit: HISTORY_FOR_WAY_BACK }),
      [drsApi, entityRef],
    ),
    {
      signal,
      isActive: page =>
        page.items.some(e => isReverseInFlight(e.requests.reverseReplication)),
    },
  );
  const standing = history.value && wayBackStanding(history.value.items);
  if (!standing) return null;
  return (
    <Typography variant="body2" data-testid="way-back-health">
      {describeStanding(standing)}{' '}
      <Link to={links.execution(entityRef, standing.execution.executionId)}>
        {standing.execution.mode === 'RECOVERY' ? 'Recovery' : 'Failback'}
      </Link>
    </Typography>
  );
}
