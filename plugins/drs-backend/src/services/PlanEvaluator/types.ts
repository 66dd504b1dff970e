import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  DrsQuotas,
  PlanEvaluationRun,
} from '@drs-orchestration/plugin-drs-common';
import { DrsGateway } from '../DrsGateway/types';
import { PlanEvaluationStore } from '../DynamoStore/types';

/** What one pass of the evaluator did. */
export interface PlanEvaluationPass extends PlanEvaluationRun {
  /** Plans whose owners were told they turned to failing, by ID. */
  notified: string[];
}

/** Evaluates every plan against DRS now, stores each result, and tells owners of new failures. */
export interface PlanEvaluator {
  runOnce(): Promise<PlanEvaluationPass>;
}

export interface PlanEvaluatorOptions {
  store: PlanEvaluationStore;
  gateway: DrsGateway;
  catalog: CatalogService;
  auth: AuthService;
  notifications?: NotificationService;
  logger: LoggerService;
  quotas: DrsQuotas;
  /** The region of entities without an `aws.amazon.com/drs-region` annotation. */
  defaultRegion: string;
  now?: () => Date;
}
