import { ReactNode, useCallback } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  DrHealth,
  entitySignalChannel,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Grid, Typography } from '@material-ui/core';
import { drsApiRef } from '../../api';
import { useDrsLinks } from '../../hooks/useDrsLinks';
import { useLiveData } from '../../hooks/useLiveData';
import { DrsAnnotationGate } from '../DrsAnnotationGate/DrsAnnotationGate';
import { DrsErrorBoundary } from '../DrsErrorBoundary/DrsErrorBoundary';
import { DrillSchedulesSummary } from '../DrillSchedules/DrillSchedules';
import { formatSeconds } from '../format';
import { LastDrill } from '../LastDrill/LastDrill';
import { LiveDataView } from '../LiveDataView/LiveDataView';
import { ObjectivesSummary } from '../ObjectivesStatus/ObjectivesStatus';
import { RecoveryReadiness } from '../RecoveryReadiness/RecoveryReadiness';
import { StatusChip } from '../StatusChip/StatusChip';
import { modeLabel } from '../WayBack/wayBack';
import { WayBackHealth, withoutWayBackProblem } from '../WayBack/WayBackHealth';

function hasActiveExecutions(health: DrHealth): boolean {
  return health.activeExecutions.length > 0;
}

function Section({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={12} sm={6}>
      <Typography variant="caption" color="textSecondary" component="div">
        {label}
      </Typography>
      {children}
    </Grid>
  );
}

function HealthSummary({ health }: { health: DrHealth }) {
  const links = useDrsLinks();
  const { servers } = health;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <RecoveryReadiness health={withoutWayBackProblem(health)} />
        <WayBackHealth health={health} />
      </Grid>
      <Section label="Recovery objectives">
        <ObjectivesSummary objectives={health.objectives} />
      </Section>
      <Section label="Replication">
        <Typography variant="body2">
          {servers.launchable} of {servers.total} servers a recovery can launch,{' '}
          {servers.replicating} replicating as a drill needs
        </Typography>
        {Object.entries(servers.byState).map(([state, count]) => (
          <Box key={state}>
            <StatusChip status={state} /> × {count}
          </Box>
        ))}
      </Section>
      <Section label="Worst lag (data a recovery now would lose)">
        <Typography variant="body2">
          {formatSeconds(health.worstLagSeconds)}
        </Typography>
      </Section>
      <Section label="Last drill">
        <LastDrill health={health} />
      </Section>
      {health.drillSchedules && health.drillSchedules.length > 0 && (
        <Section label="Scheduled drills">
          <DrillSchedulesSummary schedules={health.drillSchedules} />
        </Section>
      )}
      <Section label="Running now">
        {health.activeExecutions.length === 0 ? (
          <Typography variant="body2">Nothing</Typography>
        ) : (
          health.activeExecutions.map(active => (
            <Box key={active.executionId}>
              <Link to={links.execution(health.entityRef, active.executionId)}>
                {modeLabel(active.mode)} of {active.planName}
              </Link>{' '}
              <StatusChip status={active.status} />
            </Box>
          ))
        )}
      </Section>
    </Grid>
  );
}

function LiveHealth({ entityRef }: { entityRef: string }) {
  const drsApi = useApi(drsApiRef);
  const signal = useSignal(entitySignalChannel(entityRef));
  const health = useLiveData(
    useCallback(() => drsApi.getDrHealth(entityRef), [drsApi, entityRef]),
    { signal, isActive: hasActiveExecutions },
  );
  return (
    <LiveDataView data={health}>
      {value => <HealthSummary health={value} />}
    </LiveDataView>
  );
}

/** DR health for the entity overview page: replication, RPO now, last drill, what runs. */
export function DrsHealthCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const links = useDrsLinks();
  return (
    <InfoCard
      title="Disaster recovery"
      deepLink={{ title: 'DR executions', link: links.executions(entityRef) }}
    >
      <DrsAnnotationGate entity={entity}>
        <DrsErrorBoundary>
          <LiveHealth entityRef={entityRef} />
        </DrsErrorBoundary>
      </DrsAnnotationGate>
    </InfoCard>
  );
}
