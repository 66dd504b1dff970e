import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ExecutionStore, PlanStore } from '../DynamoStore/types';
import { EntityResolver } from '../EntityResolver/types';
import { ExecutionService } from '../ExecutionService/types';

/** What one pass of the drill scheduler did. */
export interface DrillSchedulerPass {
  /** Executions started, by ID. */
  started: string[];
  /** Plans whose owners were told of a drill coming up, by ID. */
  announced: string[];
  /** Due drills whose start was refused (pre-flight, plan busy), with why. */
  refused: { planId: string; reason: string }[];
}

/** Starts the scheduled drills that are due, once each, and announces those coming up. */
export interface DrillScheduler {
  runOnce(): Promise<DrillSchedulerPass>;
}

export interface DrillSchedulerOptions {
  plans: PlanStore;
  /** The executions of a plan, for an interval counted from its last successful drill. */
  history: ExecutionStore;
  /** Starts a drill as the API does: pre-flight, the plan's launch lock, idempotency. */
  executions: ExecutionService;
  entities: EntityResolver;
  auth: AuthService;
  auditor: AuditorService;
  notifications?: NotificationService;
  logger: LoggerService;
  /** Minutes before a scheduled drill that its owners are told. */
  notifyLeadMinutes: number;
  now?: () => Date;
}
