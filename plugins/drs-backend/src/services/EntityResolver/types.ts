import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SourceServerSelector } from '@drs-orchestration/plugin-drs-common';
import { DrsLocation } from '../DrsGateway/types';

/** A catalog entity with where its DRS servers are, read from its annotations. */
export interface ResolvedEntity {
  entity: Entity;
  entityRef: string;
  location: DrsLocation;
  selector: SourceServerSelector;
}

export interface EntityResolver {
  /** Fetches the entity from the catalog as the caller, and reads where its DRS servers are. */
  resolve(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ResolvedEntity>;
}

export interface EntityResolverOptions {
  catalog: CatalogService;
  /** The region of entities without an `aws.amazon.com/drs-region` annotation. */
  defaultRegion: string;
}
