import { useCallback, useMemo, useState } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RecoveryPlan } from '@drs-orchestration/plugin-drs-common';
import { Box, Button, Grid } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { useNavigate } from 'react-router-dom';
import { drsApiRef } from '../../api';
import { useDrsLinks } from '../../hooks/useDrsLinks';
import { useDrsPermissions } from '../../hooks/useDrsPermissions';
import { NO_SIGNALS, useLiveData } from '../../hooks/useLiveData';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { DrsAnnotationGate } from '../DrsAnnotationGate/DrsAnnotationGate';
import { DrsErrorBoundary } from '../DrsErrorBoundary/DrsErrorBoundary';
import { LiveDataView } from '../LiveDataView/LiveDataView';
import { PlanEditorDialog } from '../PlanEditor/PlanEditorDialog';
import { StartExecutionDialog } from '../StartExecutionDialog/StartExecutionDialog';
import { PlansTable } from './PlansTable';
import { SourceServersTable } from './SourceServersTable';

const never = () => false;

type OpenDialog =
  | { kind: 'create' }
  | { kind: 'edit' | 'start' | 'delete'; plan: RecoveryPlan };

function PlansAndServers({ entityRef }: { entityRef: string }) {
  const drsApi = useApi(drsApiRef);
  const permissions = useDrsPermissions(entityRef);
  const links = useDrsLinks();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<OpenDialog>();
  const close = () => setDialog(undefined);

  const plans = useLiveData(
    useCallback(() => drsApi.listPlans(entityRef), [drsApi, entityRef]),
    { signal: NO_SIGNALS, isActive: never },
  );
  const servers = useLiveData(
    useCallback(() => drsApi.getSourceServers(entityRef), [drsApi, entityRef]),
    { signal: NO_SIGNALS, isActive: never },
  );
  const canStart = permissions.canStartDrill || permissions.canStartRecovery;
  // stable, so opening a dialog does not re-render the table
  const actions = useMemo(() => {
    const open = (kind: 'edit' | 'start' | 'delete') => (plan: RecoveryPlan) =>
      setDialog({ kind, plan });
    return {
      onStart: canStart ? open('start') : undefined,
      onEdit: permissions.canManagePlans ? open('edit') : undefined,
      onDelete: permissions.canManagePlans ? open('delete') : undefined,
    };
  }, [canStart, permissions.canManagePlans]);

  const openCreate = useCallback(() => setDialog({ kind: 'create' }), []);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {permissions.canManagePlans && (
          <Box display="flex" justifyContent="flex-end" mb={1}>
            <Button
              color="primary"
              variant="contained"
              startIcon={<AddIcon />}
              onClick={openCreate}
            >
              New plan
            </Button>
          </Box>
        )}
        <LiveDataView data={plans}>
          {items => (
            <PlansTable
              plans={items}
              actions={actions}
              onCreate={permissions.canManagePlans ? openCreate : undefined}
            />
          )}
        </LiveDataView>
      </Grid>
      <Grid item xs={12}>
        <LiveDataView data={servers}>
          {list => (
            <SourceServersTable servers={list.items} region={list.region} />
          )}
        </LiveDataView>
      </Grid>

      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <PlanEditorDialog
          entityRef={entityRef}
          plan={dialog.kind === 'edit' ? dialog.plan : undefined}
          sourceServers={servers}
          onClose={close}
          onSaved={() => {
            close();
            plans.refresh();
          }}
        />
      )}
      {dialog?.kind === 'start' && (
        <StartExecutionDialog
          entityRef={entityRef}
          plan={dialog.plan}
          permissions={permissions}
          onClose={close}
          onStarted={execution =>
            navigate(links.execution(entityRef, execution.executionId))
          }
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete plan ${dialog.plan.name}?`}
          confirmLabel="Delete plan"
          onConfirm={async () => {
            await drsApi.deletePlan(
              entityRef,
              dialog.plan.planId,
              dialog.plan.version,
            );
            plans.refresh();
          }}
          onClose={close}
        >
          Its past executions stay in the history. This cannot be undone.
        </ConfirmDialog>
      )}
    </Grid>
  );
}

/** The DR Plans tab of a catalog entity. */
export function DrsPlansContent() {
  const { entity } = useEntity();
  return (
    <DrsAnnotationGate entity={entity}>
      <DrsErrorBoundary>
        <PlansAndServers entityRef={stringifyEntityRef(entity)} />
      </DrsErrorBoundary>
    </DrsAnnotationGate>
  );
}
