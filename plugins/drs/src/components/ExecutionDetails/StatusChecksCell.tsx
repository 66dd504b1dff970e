import { ComponentType, ReactNode } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ExecutionServer } from '@drs-orchestration/plugin-drs-common';
import { Typography } from '@material-ui/core';
import { formatTimestamp } from '../format';

/** EC2's values of a status check, with Backstage's colour for each. */
const checkKinds: Record<string, ComponentType<{ children?: ReactNode }>> = {
  ok: StatusOK,
  impaired: StatusError,
  initializing: StatusPending,
  'insufficient-data': StatusWarning,
  'not-applicable': StatusAborted,
};

function Check({ name, value }: { name: string; value: string }) {
  const Kind = checkKinds[value] ?? StatusPending;
  return (
    <Typography variant="body2" component="div" noWrap>
      <Kind>
        {name} {value}
      </Kind>
    </Typography>
  );
}

/**
 * The EC2 status checks of a server's recovery instance, as last seen; while the server is
 * still to become healthy, the time by which it must.
 */
export function StatusChecksCell({ server }: { server: ExecutionServer }) {
  const checks = server.statusChecks;
  const waiting =
    server.healthDeadlineAt !== undefined &&
    server.status !== 'HEALTHY' &&
    server.status !== 'FAILED';
  if (!checks && !waiting) return <>—</>;
  return (
    <>
      {checks && (
        <span title={`seen ${formatTimestamp(checks.seenAt)}`}>
          <Check name="instance" value={checks.instance} />
          <Check name="system" value={checks.system} />
        </span>
      )}
      {waiting && (
        <Typography variant="caption" display="block">
          healthy by {formatTimestamp(server.healthDeadlineAt)}
        </Typography>
      )}
    </>
  );
}
