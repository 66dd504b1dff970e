import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  getDrsTarget,
  SourceServerSelector,
} from '@drs-orchestration/plugin-drs-common';
import { DrsLocation } from '../DrsGateway/types';

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

/**
 * Where an entity's DRS servers are, from its annotations; an InputError names what is wrong.
 * DRS targets always come from the catalog, never from the request.
 */
export function toResolvedEntity(
  entity: Entity,
  defaultRegion: string,
): ResolvedEntity {
  const entityRef = stringifyEntityRef(entity);
  let target;
  try {
    target = getDrsTarget(entity);
  } catch (error) {
    throw new InputError(
      `Entity ${entityRef} has an invalid DRS annotation: ${
        (error as Error).message
      }`,
    );
  }
  if (!target) {
    throw new InputError(
      `Entity ${entityRef} has no DRS annotation: add aws.amazon.com/drs-source-server-tags or aws.amazon.com/drs-source-server-ids to its catalog-info.yaml`,
    );
  }
  return {
    entity,
    entityRef,
    location: {
      accountId: target.accountId,
      region: target.region ?? defaultRegion,
    },
    selector: target.selector,
  };
}

export function createEntityResolver(options: {
  catalog: CatalogService;
  defaultRegion: string;
}): EntityResolver {
  return {
    async resolve(entityRef, credentials) {
      const entity = await options.catalog.getEntityByRef(entityRef, {
        credentials,
      });
      if (!entity) {
        throw new NotFoundError(`Entity ${entityRef} is not in the catalog`);
      }
      return toResolvedEntity(entity, options.defaultRegion);
    },
  };
}
