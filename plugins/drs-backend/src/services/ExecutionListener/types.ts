import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { Execution } from '@drs-orchestration/plugin-drs-common';

/** Announces what the engine changed: signals to open pages, notifications to owners. */
export interface ExecutionListener {
  executionChanged(execution: Execution): Promise<void>;
  executionReached(execution: Execution, event: string): Promise<void>;
}

export interface ExecutionListenerOptions {
  signals?: SignalsService;
  notifications?: NotificationService;
  logger: LoggerService;
}
