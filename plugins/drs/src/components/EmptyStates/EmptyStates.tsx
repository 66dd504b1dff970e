import { EmptyState } from '@backstage/core-components';
import { Button } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';

/** The DR Plans tab without plans: what a plan is, and the button that creates one. */
export function NoPlansEmptyState({ onCreate }: { onCreate?: () => void }) {
  return (
    <EmptyState
      missing="content"
      title="No recovery plans yet"
      description={
        onCreate
          ? "A plan groups this service's source servers into waves that launch in order. Create one, then start a drill to prove it works."
          : "A plan groups this service's source servers into waves that launch in order. Ask the service's owners to create one: you may not manage its plans."
      }
      action={
        onCreate && (
          <Button
            color="primary"
            variant="contained"
            startIcon={<AddIcon />}
            onClick={onCreate}
          >
            Create a plan
          </Button>
        )
      }
    />
  );
}

/** The DR Executions tab without history: where drills are started. */
export function NoExecutionsEmptyState({
  plansTab,
}: {
  /** The action that leads to the DR Plans tab. */
  plansTab: JSX.Element;
}) {
  return (
    <EmptyState
      missing="data"
      title="No drills or recoveries yet"
      description="Start a drill from a plan on the DR Plans tab: it launches the plan's waves as drill instances and measures how long recovery takes."
      action={plansTab}
    />
  );
}

/** The ops page when no catalog entity has DRS annotations. */
export function NoDrsServicesEmptyState() {
  return (
    <EmptyState
      missing="info"
      title="No service uses DRS yet"
      description="Annotate a catalog entity with aws.amazon.com/drs-source-server-tags or aws.amazon.com/drs-source-server-ids (and optionally aws.amazon.com/drs-account-id and aws.amazon.com/drs-region) to see its DR health here."
    />
  );
}
