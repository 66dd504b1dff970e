import { StatusError, StatusWarning } from '@backstage/core-components';
import { PlanIssue } from '@drs-orchestration/plugin-drs-common';
import { Box } from '@material-ui/core';

/** Errors and warnings about a plan, each with Backstage's status colour. */
export function IssueList({ issues }: { issues: PlanIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <Box component="ul" pl={0} my={1} style={{ listStyle: 'none' }}>
      {issues.map((issue, i) => (
        <li key={i}>
          {issue.severity === 'error' ? (
            <StatusError>{issue.message}</StatusError>
          ) : (
            <StatusWarning>{issue.message}</StatusWarning>
          )}
        </li>
      ))}
    </Box>
  );
}
