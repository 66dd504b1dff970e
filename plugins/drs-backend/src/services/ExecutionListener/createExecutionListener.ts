import { parseEntityRef } from '@backstage/catalog-model';
import {
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
      const kind = execution.mode === 'DRILL' ? 'DR drill' : 'Recovery';
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: execution.entityRef },
          payload: {
            title: `${kind} of ${execution.planName} ${notice.title}`,
            description:
              execution.statusReason ?? `${execution.entityRef}: ${event}`,
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
