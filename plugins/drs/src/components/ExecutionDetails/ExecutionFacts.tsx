import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import {
  DrillCleanup,
  Execution,
  PointInTimeChoice,
  worstDataLossSeconds,
} from '@drs-orchestration/plugin-drs-common';
import {
  describeKeepAlive,
  formatDuration,
  formatSeconds,
  formatTimesIn,
  formatTimestamp,
} from '../format';
import { PrincipalLink, ReasonText } from '../PrincipalLink/PrincipalLink';
import { StatusChip } from '../StatusChip/StatusChip';
import { Timestamp } from '../Timestamp/Timestamp';

const terminateLabels = {
  REQUESTED: 'requested',
  STARTED: 'in progress',
  COMPLETED: 'done',
  FAILED: 'failed',
};

function describePointInTime(choice: PointInTimeChoice | undefined): string {
  if (choice?.type === 'before') {
    return `latest at or before ${formatTimestamp(choice.at)}`;
  }
  return choice?.type === 'snapshots'
    ? 'a chosen snapshot per server'
    : 'latest';
}

/** Where the drill's automatic cleanup stands; its terminate request has a line of its own. */
function describeDrillCleanup(cleanup: DrillCleanup): string {
  switch (cleanup.status) {
    case 'WAITING':
      return `instances will be terminated ${describeKeepAlive(
        cleanup.keepAliveSeconds,
      )}`;
    case 'SCHEDULED':
      return `instances will be terminated at ${formatTimestamp(
        cleanup.dueAt,
      )}`;
    case 'REQUESTED':
      return `terminated by cleanup at ${formatTimestamp(cleanup.requestedAt)}`;
    default:
      return cleanup.reason
        ? `not needed: ${formatTimesIn(cleanup.reason)}`
        : 'not needed';
  }
}

/**
 * What ran, who started it, and when, in the viewer's time zone; how long it took and how much
 * data it lost, with what the person who started it chose and accepted.
 */
export function ExecutionFacts({ execution }: { execution: Execution }) {
  const terminate = execution.requests.terminate;
  return (
    <InfoCard title={execution.planName} subheader={execution.mode}>
      <StructuredMetadataTable
        metadata={{
          status: <StatusChip status={execution.status} />,
          ...(execution.statusReason && {
            reason: <ReasonText text={execution.statusReason} />,
          }),
          mode: execution.mode,
          'initiated by': <PrincipalLink principal={execution.initiatedBy} />,
          created: <Timestamp at={execution.createdAt} exact />,
          started: <Timestamp at={execution.startedAt} exact />,
          ended: <Timestamp at={execution.endedAt} exact />,
          duration: formatDuration(
            execution.startedAt ?? execution.createdAt,
            execution.endedAt,
          ),
          'worst data loss': formatSeconds(worstDataLossSeconds(execution)),
          ...(execution.acceptedDataLossSeconds !== undefined && {
            'accepted data loss': formatSeconds(
              execution.acceptedDataLossSeconds,
            ),
          }),
          'point in time': describePointInTime(execution.pointInTime),
          ...(execution.allowDegradedReplication && {
            'degraded replication': 'allowed',
          }),
          'times out at': formatTimestamp(execution.timeoutAt),
          region: [execution.accountId, execution.region]
            .filter(Boolean)
            .join(' / '),
          ...(execution.requests.cancel && {
            'cancel requested': (
              <>
                {formatTimestamp(execution.requests.cancel.at)} by{' '}
                <PrincipalLink principal={execution.requests.cancel.by} />
              </>
            ),
          }),
          ...(execution.drillCleanup && {
            'drill cleanup': describeDrillCleanup(execution.drillCleanup),
          }),
          ...(terminate && {
            // a recovery's instances are terminated too, once its failback completed
            [`${
              execution.mode === 'DRILL' ? 'drill' : 'recovery'
            } instances termination`]: (
              <>
                {terminateLabels[terminate.status ?? 'REQUESTED']} (asked{' '}
                {formatTimestamp(terminate.at)} by{' '}
                <PrincipalLink principal={terminate.by} />)
                {terminate.failureReason &&
                  `: ${formatTimesIn(terminate.failureReason)}`}
              </>
            ),
          }),
        }}
      />
    </InfoCard>
  );
}
