import { useCallback, useState } from 'react';
import {
  Link,
  LinkButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  entitySignalChannel,
  EXECUTION_STATUSES,
  ExecutionStatus,
  ExecutionSummary,
  isActiveExecutionStatus,
  Page,
} from '@drs-orchestration/plugin-drs-common';
import {
  Box,
  Button,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { drsApiRef } from '../../api';
import { useDrsLinks } from '../../hooks/useDrsLinks';
import { useLiveData } from '../../hooks/useLiveData';
import { IdText } from '../IdText/IdText';
import { NoExecutionsEmptyState } from '../EmptyStates/EmptyStates';
import { formatDuration, formatSeconds } from '../format';
import { PrincipalLink } from '../PrincipalLink/PrincipalLink';
import { Timestamp } from '../Timestamp/Timestamp';
import { ExecutionProgressCell } from './ExecutionProgressCell';
import { LiveDataView } from '../LiveDataView/LiveDataView';
import { StatusChip } from '../StatusChip/StatusChip';
import { ModeCell } from '../WayBack/ModeCell';
import { TABLE_OPTIONS } from '../tableOptions';

export const HISTORY_PAGE_SIZE = 25;

// Fixed widths for the one-line columns: material-table otherwise splits the width evenly, and
// cells wider than their share squeeze the plan name until it breaks mid-word.
const columns: TableColumn<ExecutionSummary>[] = [
  {
    title: 'Status',
    width: '140px',
    render: e => <StatusChip status={e.status} />,
  },
  { title: 'Mode', render: e => <ModeCell execution={e} /> },
  {
    title: 'Plan',
    highlight: true,
    render: e => (
      // relative to the tab: the details live at ./<executionId>
      <Link to={encodeURIComponent(e.executionId)}>
        {/* one line, whole on hover: a narrow column broke names mid-word */}
        <IdText id={e.planName} maxWidth="18em" />
      </Link>
    ),
  },
  {
    title: 'Waves',
    cellStyle: { maxWidth: 280 },
    render: e => <ExecutionProgressCell execution={e} />,
  },
  {
    title: 'Started',
    width: '150px',
    render: e => <Timestamp at={e.startedAt ?? e.createdAt} />,
  },
  {
    title: 'Duration',
    width: '100px',
    render: e => formatDuration(e.startedAt ?? e.createdAt, e.endedAt),
  },
  {
    title: 'Worst data loss',
    width: '150px',
    render: e => formatSeconds(e.worstDataLossSeconds),
  },
  {
    title: 'Initiated by',
    width: '150px',
    render: e => <PrincipalLink principal={e.initiatedBy} />,
  },
];

function hasActiveExecution(page: Page<ExecutionSummary>): boolean {
  return page.items.some(e => isActiveExecutionStatus(e.status));
}

/** Drills, recoveries and failbacks of the entity, newest first, a page at a time. */
export function ExecutionHistory({ entityRef }: { entityRef: string }) {
  const drsApi = useApi(drsApiRef);
  const links = useDrsLinks();
  const [status, setStatus] = useState<ExecutionStatus | ''>('');
  // cursors of the pages walked through; the first page has none
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const signal = useSignal(entitySignalChannel(entityRef));

  const history = useLiveData(
    useCallback(
      () =>
        drsApi.listExecutions(entityRef, {
          limit: HISTORY_PAGE_SIZE,
          status: status || undefined,
          cursor,
        }),
      [drsApi, entityRef, status, cursor],
    ),
    {
      signal,
      isActive: hasActiveExecution,
    },
  );

  return (
    <>
      <Box display="flex" justifyContent="flex-end" mb={1}>
        <TextField
          select
          id="execution-status-filter"
          label="Status"
          value={status}
          onChange={event => {
            setStatus(event.target.value as ExecutionStatus | '');
            setCursors([undefined]);
          }}
          style={{ minWidth: 180 }}
        >
          <MenuItem value="">All</MenuItem>
          {EXECUTION_STATUSES.map(value => (
            <MenuItem key={value} value={value}>
              {value}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <LiveDataView data={history}>
        {page => (
          <>
            <Table<ExecutionSummary>
              title="DR executions"
              options={{
                ...TABLE_OPTIONS,
                paging: false,
                search: false,
              }}
              columns={columns}
              data={page.items}
              emptyContent={
                status ? (
                  <div style={{ padding: 16 }}>
                    No {status} drills or recoveries.
                  </div>
                ) : (
                  <NoExecutionsEmptyState
                    plansTab={
                      <LinkButton
                        to={links.plans(entityRef)}
                        color="primary"
                        variant="contained"
                      >
                        Go to DR Plans
                      </LinkButton>
                    }
                  />
                )
              }
            />
            <Box
              display="flex"
              alignItems="center"
              justifyContent="flex-end"
              mt={1}
            >
              <Typography variant="body2" style={{ marginRight: 16 }}>
                Page {cursors.length}
              </Typography>
              <Button
                disabled={cursors.length === 1}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                Newer
              </Button>
              <Button
                disabled={!page.nextCursor}
                onClick={() => setCursors([...cursors, page.nextCursor])}
              >
                Older
              </Button>
            </Box>
          </>
        )}
      </LiveDataView>
    </>
  );
}
