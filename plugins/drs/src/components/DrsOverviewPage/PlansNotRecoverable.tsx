import { useCallback, useMemo } from 'react';
import {
  InfoCard,
  StatusAborted,
  StatusError,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  PlanEvaluationItem,
  PlanEvaluationStatus,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import { DrsApi, drsApiRef, PlanEvaluationList } from '../../api';
import { NO_SIGNALS, useLiveData } from '../../hooks/useLiveData';
import { formatTimestamp } from '../format';
import { LiveDataView } from '../LiveDataView/LiveDataView';
import { TABLE_OPTIONS } from '../tableOptions';

/** The evaluation runs every half hour or so: a page left open on failing plans refetches it now and then. */
const EVALUATIONS_INTERVAL_MS = 5 * 60_000;
/** Reasons shown per plan; the plan's pre-flight on its tab has them all. */
const REASONS_SHOWN = 3;

const STANDING: Record<
  PlanEvaluationStatus,
  { label: string; Chip: typeof StatusError }
> = {
  fail: { label: 'Would fail', Chip: StatusError },
  degraded: { label: 'Degraded', Chip: StatusWarning },
  unknown: { label: 'Not evaluated (DRS unreadable)', Chip: StatusAborted },
  pass: { label: 'Passes', Chip: StatusAborted },
};

function Standing({ status }: { status: PlanEvaluationStatus }) {
  const { label, Chip } = STANDING[status];
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Chip>{label}</Chip>
    </span>
  );
}

function Reasons({ item }: { item: PlanEvaluationItem }) {
  const shown = item.reasons.slice(0, REASONS_SHOWN);
  const more = item.reasons.length - shown.length;
  return (
    <>
      {shown.map((reason, i) => (
        <Typography key={i} variant="body2">
          {reason.message}
        </Typography>
      ))}
      {more > 0 && (
        <Typography variant="body2" color="textSecondary">
          and {more} more
        </Typography>
      )}
    </>
  );
}

function useColumns(): TableColumn<PlanEvaluationItem>[] {
  return useMemo(
    () => [
      {
        title: 'Service',
        render: item => <EntityRefLink entityRef={item.entityRef} />,
      },
      { title: 'Plan', field: 'planName' },
      {
        title: 'Standing',
        render: item => <Standing status={item.status} />,
      },
      { title: 'Why', render: item => <Reasons item={item} /> },
      {
        title: 'Failing since',
        render: item =>
          item.failingSince ? formatTimestamp(item.failingSince) : '',
      },
    ],
    [],
  );
}

function Evaluations({ list }: { list: PlanEvaluationList }) {
  const columns = useColumns();
  const last = list.lastEvaluation;
  if (!last) {
    return (
      <Typography variant="body2">
        No plan has been evaluated yet: the backend evaluates every plan on a
        schedule (drs.planEvaluation.frequency).
      </Typography>
    );
  }
  const when = `Last evaluated ${formatTimestamp(last.completedAt)}: ${
    last.plans
  } plans`;
  if (list.items.length === 0) {
    return (
      <Typography variant="body2">
        {when}; every plan you can see would recover now.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" paragraph>
        {when}, {last.failing} would fail and {last.degraded} would degrade a
        recovery started now.
      </Typography>
      <Table<PlanEvaluationItem>
        columns={columns}
        data={list.items}
        options={{
          ...TABLE_OPTIONS,
          paging: false,
          search: false,
          toolbar: false,
        }}
      />
    </>
  );
}

function EvaluationsCard({ load }: { load: DrsApi['listPlanEvaluations'] }) {
  const data = useLiveData(
    useCallback(() => load(), [load]),
    {
      signal: NO_SIGNALS,
      isActive: list => list.items.length > 0,
      intervalMs: EVALUATIONS_INTERVAL_MS,
    },
  );
  return (
    <Box mt={3}>
      <InfoCard title="Plans that would not recover now">
        <LiveDataView data={data}>
          {list => <Evaluations list={list} />}
        </LiveDataView>
      </InfoCard>
    </Box>
  );
}

/**
 * The ops page's list of plans that would fail or degrade a recovery started now, and why, from
 * the backend's continuous plan evaluation. Nothing when the DRS API in use has no evaluations.
 */
export function PlansNotRecoverable() {
  const drsApi = useApi(drsApiRef);
  const load = useMemo(
    () =>
      typeof drsApi.listPlanEvaluations === 'function'
        ? () => drsApi.listPlanEvaluations()
        : undefined,
    [drsApi],
  );
  return load ? <EvaluationsCard load={load} /> : null;
}
