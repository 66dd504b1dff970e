import {
  ExecutionMode,
  PlanIssue,
  ServerReadiness,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import { formatSecondsInWords } from '../format';
import { IssueList } from '../IssueList/IssueList';
import { ServerReadinessTable } from '../ServerReadinessTable/ServerReadinessTable';

function dataLossSentence(mode: ExecutionMode, window: number): string {
  const words = formatSecondsInWords(window);
  return mode === 'RECOVERY'
    ? `You will lose up to ${words} of data, and more the longer the sources stay down.`
    : `The drill's instances will hold data up to ${words} old.`;
}

/** What pre-flight found: the plan's issues, the worst data-loss window, each server. */
export function PreflightResult({
  mode,
  issues,
  servers,
  dataLossWindow,
}: {
  mode: ExecutionMode;
  issues: PlanIssue[];
  servers: ServerReadiness[];
  dataLossWindow?: number;
}) {
  return (
    <>
      {issues.length === 0 && servers.every(server => server.launchable) ? (
        <Typography variant="body2">Every server can be launched.</Typography>
      ) : (
        <IssueList issues={issues} />
      )}
      {dataLossWindow !== undefined && (
        <Box my={1}>
          <Typography variant="body2">
            <strong>{dataLossSentence(mode, dataLossWindow)}</strong>
          </Typography>
        </Box>
      )}
      {servers.length > 0 && <ServerReadinessTable servers={servers} />}
    </>
  );
}
