import { useCallback, useMemo, useState } from 'react';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import {
  Box,
  Button,
  MenuItem,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { DrHealthOverviewItem, drsApiRef } from '../../api';
import { useDrsLinks } from '../../hooks/useDrsLinks';
import { NO_SIGNALS, useLiveData } from '../../hooks/useLiveData';
import { isOverdue } from '../DrillSchedules/DrillSchedules';
import { NoDrsServicesEmptyState } from '../EmptyStates/EmptyStates';
import { LiveDataView } from '../LiveDataView/LiveDataView';
import { lastDrillColumn } from './lastDrillColumn';
import { objectivesColumn } from './objectivesColumn';
import { replicationColumn } from './replicationColumn';
import { RecoveryReadiness } from '../RecoveryReadiness/RecoveryReadiness';
import { StatusChip } from '../StatusChip/StatusChip';
import { TABLE_OPTIONS } from '../tableOptions';

/** Health across the catalog is costly to gather, and no signal covers it: refetch gently. */
const OVERVIEW_INTERVAL_MS = 60_000;

const STATE_FILTERS = {
  all: { label: 'All', matches: () => true },
  cannotRecover: {
    label: 'Could NOT launch now',
    matches: (item: DrHealthOverviewItem) => !item.canRecoverNow,
  },
  canRecover: {
    label: 'Could launch now',
    matches: (item: DrHealthOverviewItem) => item.canRecoverNow,
  },
  running: {
    label: 'Drill or recovery running',
    matches: (item: DrHealthOverviewItem) => item.activeExecutions.length > 0,
  },
  overdue: {
    label: 'Scheduled drill overdue',
    matches: (item: DrHealthOverviewItem) => isOverdue(item.drillSchedules),
  },
};
type StateFilter = keyof typeof STATE_FILTERS;

const ALL_OWNERS = '';

function anyRunning(items: DrHealthOverviewItem[]): boolean {
  return items.some(STATE_FILTERS.running.matches);
}

/**
 * An owner as the catalog allows writing it: `guests` means `group:default/guests`. Undefined
 * for a ref that cannot be read, which is then shown as written.
 */
function ownerRef(owner: string): CompoundEntityRef | undefined {
  try {
    return parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
}

/** An owner by name, linked to its catalog page; as written when it cannot be read. */
function OwnerLink({ owner }: { owner?: string }) {
  const ref = owner ? ownerRef(owner) : undefined;
  if (!ref) return <>{owner ?? '—'}</>;
  return <EntityRefLink entityRef={ref} defaultKind="group" />;
}

function ownerName(owner: string): string {
  const ref = ownerRef(owner);
  return ref ? humanizeEntityRef(ref, { defaultKind: 'group' }) : owner;
}

function displayName(item: DrHealthOverviewItem): string {
  if (item.title) return item.title;
  try {
    return humanizeEntityRef(parseEntityRef(item.entityRef), {
      defaultKind: 'component',
    });
  } catch {
    return item.entityRef;
  }
}

/** Those that could not recover first: they are why this page exists. */
function byReadiness(a: DrHealthOverviewItem, b: DrHealthOverviewItem) {
  return (
    Number(a.canRecoverNow) - Number(b.canRecoverNow) ||
    displayName(a).localeCompare(displayName(b))
  );
}

function useColumns(): TableColumn<DrHealthOverviewItem>[] {
  const links = useDrsLinks();
  return useMemo(
    () => [
      {
        title: 'Service',
        highlight: true,
        // names are single words with hyphens: never broken mid-word
        cellStyle: { whiteSpace: 'nowrap' },
        customSort: (a, b) => displayName(a).localeCompare(displayName(b)),
        // Without a title the link shows the entity's name, not its raw ref; the owner below.
        render: item => (
          <>
            <EntityRefLink
              entityRef={item.entityRef}
              defaultKind="component"
              title={item.title}
            />
            <Typography variant="caption" component="div">
              <OwnerLink owner={item.owner} />
            </Typography>
          </>
        ),
      },
      {
        title: 'Recovery now',
        customSort: byReadiness,
        render: item => <RecoveryReadiness health={item} />,
      },
      objectivesColumn,
      replicationColumn,
      lastDrillColumn,
      {
        title: 'Activity',
        sorting: false,
        // One item per line, so the column is as narrow as its longest word at 1280 px.
        render: item => (
          <>
            {item.activeExecutions.map(active => (
              <Box key={active.executionId} mb={1}>
                <Link to={links.execution(item.entityRef, active.executionId)}>
                  {active.planName}
                </Link>
                <Box>
                  <StatusChip status={active.status} />
                </Box>
              </Box>
            ))}
            <Typography variant="caption" component="div">
              <Link to={links.plans(item.entityRef)}>Plans</Link>
            </Typography>
            <Typography variant="caption" component="div">
              <Link to={links.executions(item.entityRef)}>Executions</Link>
            </Typography>
          </>
        ),
      },
    ],
    [links],
  );
}

// The filters' labels in the primary text colour: the secondary one is under 4.5:1 on the
// page background (axe color-contrast); focused, the label still takes the primary colour.
const useFilterStyles = makeStyles(theme => ({
  label: { color: theme.palette.text.primary },
}));

function HealthTable({ items }: { items: DrHealthOverviewItem[] }) {
  const columns = useColumns();
  const filterLabel = { className: useFilterStyles().label };
  const [owner, setOwner] = useState(ALL_OWNERS);
  const [state, setState] = useState<StateFilter>('all');
  const owners = [
    ...new Set(items.flatMap(item => (item.owner ? [item.owner] : []))),
  ].sort();
  const shown = items
    .filter(item => owner === ALL_OWNERS || item.owner === owner)
    .filter(STATE_FILTERS[state].matches)
    .sort(byReadiness);
  const notRecoverable = items.filter(STATE_FILTERS.cannotRecover.matches);

  return (
    <>
      <Box mb={2}>
        {notRecoverable.length > 0 ? (
          <Alert severity="error">
            {notRecoverable.length} of {items.length} services could NOT launch
            a recovery now: {notRecoverable.map(displayName).join(', ')}.
          </Alert>
        ) : (
          <Alert severity="success">
            All {items.length} services could launch a recovery now.
          </Alert>
        )}
      </Box>
      <Box display="flex" style={{ gap: 16 }} mb={1}>
        <TextField
          select
          id="drs-owner-filter"
          InputLabelProps={filterLabel}
          label="Owner"
          value={owner}
          onChange={event => setOwner(event.target.value)}
          style={{ minWidth: 200 }}
        >
          <MenuItem value={ALL_OWNERS}>All</MenuItem>
          {owners.map(value => (
            <MenuItem key={value} value={value}>
              {ownerName(value)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="drs-state-filter"
          InputLabelProps={filterLabel}
          label="State"
          value={state}
          onChange={event => setState(event.target.value as StateFilter)}
          style={{ minWidth: 240 }}
        >
          {Object.entries(STATE_FILTERS).map(([value, { label }]) => (
            <MenuItem key={value} value={value}>
              {label}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Table<DrHealthOverviewItem>
        title={`Services with DRS (${shown.length})`}
        options={{
          ...TABLE_OPTIONS,
          paging: shown.length > 20,
          pageSize: 20,
          search: true,
        }}
        columns={columns}
        data={shown}
        emptyContent={
          items.length === 0 ? (
            <NoDrsServicesEmptyState />
          ) : (
            <div style={{ padding: 16 }}>No service matches these filters.</div>
          )
        }
      />
    </>
  );
}

/** DR health of every catalog entity with DRS annotations. */
export function DrsOverview() {
  const drsApi = useApi(drsApiRef);
  const health = useLiveData(
    useCallback(() => drsApi.listDrHealth(), [drsApi]),
    {
      signal: NO_SIGNALS,
      isActive: anyRunning,
      intervalMs: OVERVIEW_INTERVAL_MS,
    },
  );
  return (
    <>
      <Box display="flex" justifyContent="flex-end" mb={1}>
        <Button onClick={health.refresh} disabled={health.loading}>
          Refresh
        </Button>
      </Box>
      <LiveDataView data={health}>
        {items => <HealthTable items={items} />}
      </LiveDataView>
    </>
  );
}
