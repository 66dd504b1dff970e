import { memo } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { RecoveryPlan } from '@drs-orchestration/plugin-drs-common';
import { Box, Button, IconButton, Tooltip } from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import { NoPlansEmptyState } from '../EmptyStates/EmptyStates';
import { PrincipalLink } from '../PrincipalLink/PrincipalLink';
import { IdText } from '../IdText/IdText';
import { Timestamp } from '../Timestamp/Timestamp';
import { TABLE_OPTIONS } from '../tableOptions';

const columns: TableColumn<RecoveryPlan>[] = [
  {
    title: 'Plan',
    field: 'name',
    highlight: true,
    // one line, cut with an ellipsis and whole on hover: a narrow column broke names mid-word
    render: plan => <IdText id={plan.name} maxWidth="18em" />,
  },
  { title: 'Description', field: 'description' },
  // Fixed widths for the short columns: material-table otherwise splits the width evenly, and
  // one-line cells wider than their share push the actions out of view.
  { title: 'Waves', width: '80px', render: plan => plan.waves.length },
  {
    title: 'Servers',
    width: '90px',
    render: plan =>
      plan.waves.reduce((sum, wave) => sum + wave.sourceServerIds.length, 0),
  },
  { title: 'Default mode', field: 'defaultMode', width: '130px' },
  {
    title: 'Updated',
    width: '150px',
    render: plan => <Timestamp at={plan.updatedAt} />,
  },
  {
    title: 'Updated by',
    width: '150px',
    render: plan => <PrincipalLink principal={plan.updatedBy} />,
  },
];

/** What the viewer may do with a plan; an action without a handler is not offered. */
export interface PlanActions {
  onStart?: (plan: RecoveryPlan) => void;
  onEdit?: (plan: RecoveryPlan) => void;
  onDelete?: (plan: RecoveryPlan) => void;
}

function actionsColumn({
  onStart,
  onEdit,
  onDelete,
}: PlanActions): TableColumn<RecoveryPlan> {
  // Edit and delete are icons with tooltips, so the column stays narrow and nothing wraps.
  return {
    title: 'Actions',
    sorting: false,
    width: '180px',
    cellStyle: { whiteSpace: 'nowrap' },
    render: plan => (
      <Box display="flex" alignItems="center" style={{ gap: 4 }}>
        {onStart && (
          <Button
            size="small"
            color="primary"
            variant="outlined"
            startIcon={<PlayArrowIcon />}
            aria-label={`Start ${plan.name}`}
            style={{ whiteSpace: 'nowrap', minWidth: 'auto' }}
            onClick={() => onStart(plan)}
          >
            Start
          </Button>
        )}
        {onEdit && (
          <Tooltip title="Edit plan">
            <IconButton
              size="small"
              aria-label={`Edit ${plan.name}`}
              onClick={() => onEdit(plan)}
            >
              <EditIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
        {onDelete && (
          <Tooltip title="Delete plan">
            <IconButton
              size="small"
              aria-label={`Delete ${plan.name}`}
              onClick={() => onDelete(plan)}
            >
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
      </Box>
    ),
  };
}

function PlansTableView({
  plans,
  actions,
  onCreate,
}: {
  plans: RecoveryPlan[];
  actions: PlanActions;
  /** Offered by the empty state; absent when the viewer may not manage plans. */
  onCreate?: () => void;
}) {
  const withActions = Object.values(actions).some(Boolean);
  return (
    <Table<RecoveryPlan>
      title="Recovery plans"
      options={{
        ...TABLE_OPTIONS,
        paging: false,
        search: false,
      }}
      columns={withActions ? [...columns, actionsColumn(actions)] : columns}
      data={plans}
      emptyContent={<NoPlansEmptyState onCreate={onCreate} />}
    />
  );
}

/** Memoised: opening a dialog re-renders the tab, and a table is costly to render. */
export const PlansTable = memo(PlansTableView);
