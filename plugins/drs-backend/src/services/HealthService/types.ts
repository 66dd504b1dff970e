import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DrHealth } from '@drs-orchestration/plugin-drs-common';
import { DrsGateway } from '../DrsGateway/types';
import { ExecutionStore, PlanStore } from '../DynamoStore/types';
import { ResolvedEntity } from '../EntityResolver/types';

export type CatalogDrHealth = DrHealth & { title?: string; owner?: string };

/** DR health: replication of the servers, plans, the last drill and failing executions. */
export interface HealthService {
  forEntity(entity: ResolvedEntity): Promise<DrHealth>;
  /** Every entity with DRS annotations the caller can see in the catalog. */
  forCatalog(credentials: BackstageCredentials): Promise<CatalogDrHealth[]>;
}

export interface HealthServiceOptions {
  catalog: CatalogService;
  gateway: DrsGateway;
  plans: PlanStore;
  executions: ExecutionStore;
  defaultRegion: string;
  now?: () => Date;
}
