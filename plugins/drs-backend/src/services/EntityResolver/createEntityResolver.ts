import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { getDrsTarget } from '@drs-orchestration/plugin-drs-common';
import { EntityResolver, EntityResolverOptions, ResolvedEntity } from './types';

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

export function createEntityResolver(
  options: EntityResolverOptions,
): EntityResolver {
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
