import { TableColumn } from '@backstage/core-components';
import {
  compareObjectiveStatus,
  DrObjectives,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import { DrHealthOverviewItem } from '../../api';
import {
  ObjectiveChip,
  ObjectiveProblems,
} from '../ObjectivesStatus/ObjectivesStatus';

const standing = (item: DrHealthOverviewItem): DrObjectives['status'] =>
  item.objectives?.status ?? 'none';

/** RTO and RPO each with its standing and the reason in figures; problems when unreadable. */
function Objectives({ objectives }: { objectives?: DrObjectives }) {
  if (!objectives || objectives.status === 'none') return <>—</>;
  return (
    <>
      {(['rto', 'rpo'] as const).map(key => {
        const evaluation = objectives[key];
        return (
          evaluation && (
            <Box key={key}>
              <ObjectiveChip
                name={key.toUpperCase()}
                status={evaluation.status}
              />
              <Typography variant="caption" component="div">
                {evaluation.reason}
              </Typography>
            </Box>
          )
        );
      })}
      <ObjectiveProblems objectives={objectives} />
    </>
  );
}

/**
 * The ops page's column of recovery objectives, sorted worst first: breached, configuration
 * problem, at risk, never drilled, unknown, met, none stated.
 */
export const objectivesColumn: TableColumn<DrHealthOverviewItem> = {
  title: 'Objectives (RTO / RPO)',
  customSort: (a, b) => compareObjectiveStatus(standing(a), standing(b)),
  render: item => <Objectives objectives={item.objectives} />,
};
