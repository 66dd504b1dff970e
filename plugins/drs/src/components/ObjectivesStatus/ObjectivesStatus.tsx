import { ComponentType, ReactNode } from 'react';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  DrObjectives,
  ObjectiveEvaluationBase,
} from '@drs-orchestration/plugin-drs-common';
import { Box, Typography } from '@material-ui/core';
import { formatSeconds } from '../format';

const kinds: Record<
  DrObjectives['status'],
  { Kind: ComponentType<{ children?: ReactNode }>; label: string }
> = {
  met: { Kind: StatusOK, label: 'met' },
  'at-risk': { Kind: StatusWarning, label: 'at risk' },
  breached: { Kind: StatusError, label: 'breached' },
  'never-drilled': { Kind: StatusPending, label: 'never drilled' },
  unknown: { Kind: StatusAborted, label: 'unknown' },
  invalid: { Kind: StatusError, label: 'configuration problem' },
  none: { Kind: StatusAborted, label: 'none stated' },
};

/** A standing against an objective, with Backstage's colour and icon for it. */
export function ObjectiveChip({
  status,
  name,
}: {
  status: DrObjectives['status'];
  /** RTO or RPO; absent for the overall standing. */
  name?: string;
}) {
  const { Kind, label } = kinds[status];
  return <Kind>{name ? `${name} ${label}` : label}</Kind>;
}

/** One objective: its standing, its length and where it is stated, the figures in words. */
function ObjectiveLine({
  name,
  evaluation,
}: {
  name: 'RTO' | 'RPO';
  evaluation: ObjectiveEvaluationBase;
}) {
  return (
    <Box mb={1}>
      <ObjectiveChip name={name} status={evaluation.status} />{' '}
      <Typography variant="caption" color="textSecondary">
        {formatSeconds(evaluation.objectiveSeconds)} ({evaluation.objective},{' '}
        {evaluation.source === 'plan' ? 'plan' : 'entity'})
      </Typography>
      <Typography variant="body2">{evaluation.reason}</Typography>
    </Box>
  );
}

/** Objectives that could not be read, named so that their owner can fix them. */
export function ObjectiveProblems({
  objectives,
}: {
  objectives: DrObjectives;
}) {
  return (
    <>
      {objectives.problems.map(problem => (
        <Typography
          key={problem.field}
          variant="body2"
          color="error"
          component="div"
        >
          Configuration problem: {problem.field} {problem.message}
        </Typography>
      ))}
    </>
  );
}

/**
 * A service's recovery objectives against the evidence: the RTO and the RPO, each met, at
 * risk, breached or never drilled with its figures, and any objective that could not be read.
 */
export function ObjectivesSummary({
  objectives,
}: {
  objectives?: DrObjectives;
}) {
  if (!objectives || objectives.status === 'none') {
    return (
      <Typography variant="body2">
        None stated: annotate the entity with aws.amazon.com/drs-rto and
        aws.amazon.com/drs-rpo (ISO 8601, e.g. PT1H)
      </Typography>
    );
  }
  return (
    <>
      {objectives.rto && (
        <ObjectiveLine name="RTO" evaluation={objectives.rto} />
      )}
      {objectives.rpo && (
        <ObjectiveLine name="RPO" evaluation={objectives.rpo} />
      )}
      <ObjectiveProblems objectives={objectives} />
    </>
  );
}
