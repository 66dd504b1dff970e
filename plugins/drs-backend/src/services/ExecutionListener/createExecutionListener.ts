import { parseEntityRef } from '@backstage/catalog-model';
import {
  DRS_SCHEDULER_PRINCIPAL,
  entitySignalChannel,
  Execution,
  ExecutionChangedMessage,
} from '@drs-orchestration/plugin-drs-common';
import { ExecutionListener, ExecutionListenerOptions } from './types';

/** The execution's page in the app, for links in notifications. */
function executionPath(execution: Execution): string {
  const { kind, namespace, name } = parseEntityRef(execution.entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/dr-executions/${execution.executionId}`;
}

const notices: Record<
  string,
  { title: string; severity: 'critical' | 'high' | 'normal' }
> = {
  PAUSED: { title: 'is paused and waits for approval', severity: 'high' },
  COMPLETED: { title: 'completed', severity: 'normal' },
  FAILED: { title: 'failed', severity: 'critical' },
  TIMED_OUT: { title: 'timed out', severity: 'critical' },
  CANCELLED: { title: 'was cancelled', severity: 'normal' },
};

/**
 * A scheduled drill's outcome against the recovery time objective it started under: what its
 * owners want to read after a drill they did not start themselves.
 */
export function outcomeAgainstRto(execution: Execution): string {
  const { startedAt, endedAt, objectives } = execution;
  const rto = objectives?.rto;
  if (execution.status !== 'COMPLETED' || !startedAt || !endedAt) {
    return `Scheduled drill ${execution.status}${
      execution.statusReason ? `: ${execution.statusReason}` : ''
    }${rto ? `; the RTO of ${rto.iso} is not proven` : ''}.`;
  }
  const seconds = Math.round(
    (Date.parse(endedAt) - Date.parse(startedAt)) / 1000,
  );
  if (!rto)
    return `Scheduled drill recovered in ${seconds}s; no RTO is stated.`;
  const verdict = seconds <= rto.seconds ? 'met' : 'breached';
  return `Scheduled drill recovered in ${seconds}s against an RTO of ${rto.iso} (${rto.seconds}s): ${verdict}.`;
}

/**
 * Signals every change so open pages refetch at once, and notifies the entity's owners at the
 * moments the seed system e-mailed them. Neither may stop the engine: failures are logged.
 */
export function createExecutionListener(
  options: ExecutionListenerOptions,
): ExecutionListener {
  const { signals, notifications, logger } = options;
  return {
    async executionChanged(execution) {
      if (!signals) return;
      try {
        await signals.publish<ExecutionChangedMessage>({
          recipients: { type: 'broadcast' },
          channel: entitySignalChannel(execution.entityRef),
          message: {
            executionId: execution.executionId,
            entityRef: execution.entityRef,
            status: execution.status,
            version: execution.version,
          },
        });
      } catch (error) {
        logger.warn(
          `Could not signal execution ${execution.executionId}: ${error}`,
        );
      }
    },

    async executionReached(execution, event) {
      const notice = notices[event];
      if (!notifications || !notice) return;
      const kind = {
        DRILL: 'DR drill',
        RECOVERY: 'Recovery',
        FAILBACK: 'Failback',
      }[execution.mode];
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: execution.entityRef },
          payload: {
            title: `${kind} of ${execution.planName} ${notice.title}`,
            description:
              execution.initiatedBy === DRS_SCHEDULER_PRINCIPAL
                ? outcomeAgainstRto(execution)
                : execution.statusReason ?? `${execution.entityRef}: ${event}`,
            link: executionPath(execution),
            severity: notice.severity,
            topic: `drs:${execution.executionId}`,
          },
        });
      } catch (error) {
        logger.warn(
          `Could not notify about execution ${execution.executionId}: ${error}`,
        );
      }
    },
  };
}
