import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { drsApiRef } from '../../api';
import { DrsAnnotationGate } from '../DrsAnnotationGate';
import { ErrorWithRetry } from '../ErrorWithRetry';
import { PlansTable } from './PlansTable';
import { SourceServersTable } from './SourceServersTable';

function PlansAndServers({ entityRef }: { entityRef: string }) {
  const drsApi = useApi(drsApiRef);
  const plans = useAsyncRetry(
    () => drsApi.listPlans(entityRef),
    [drsApi, entityRef],
  );
  const servers = useAsyncRetry(
    () => drsApi.getSourceServers(entityRef),
    [drsApi, entityRef],
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {plans.error && (
          <ErrorWithRetry error={plans.error} onRetry={plans.retry} />
        )}
        {!plans.error && !plans.value && <Progress />}
        {plans.value && <PlansTable plans={plans.value} />}
      </Grid>
      <Grid item xs={12}>
        {servers.error && (
          <ErrorWithRetry error={servers.error} onRetry={servers.retry} />
        )}
        {!servers.error && !servers.value && <Progress />}
        {servers.value && (
          <SourceServersTable
            servers={servers.value.items}
            region={servers.value.region}
          />
        )}
      </Grid>
    </Grid>
  );
}

/** The DR Plans tab of a catalog entity. */
export function DrsPlansContent() {
  const { entity } = useEntity();
  return (
    <DrsAnnotationGate entity={entity}>
      <PlansAndServers entityRef={stringifyEntityRef(entity)} />
    </DrsAnnotationGate>
  );
}
