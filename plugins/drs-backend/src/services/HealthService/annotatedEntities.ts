import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_DRS_SOURCE_SERVER_IDS,
  ANNOTATION_DRS_SOURCE_SERVER_TAGS,
} from '@drs-orchestration/plugin-drs-common';
import { toResolvedEntity } from '../EntityResolver/createEntityResolver';
import { ResolvedEntity } from '../EntityResolver/types';

/** The entities with DRS annotations the caller can see, each with where its servers are. */
export async function annotatedEntities(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  defaultRegion: string,
): Promise<{ entity: Entity; resolved: ResolvedEntity }[]> {
  const { items } = await catalog.getEntities(
    {
      filter: [
        {
          [`metadata.annotations.${ANNOTATION_DRS_SOURCE_SERVER_TAGS}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${ANNOTATION_DRS_SOURCE_SERVER_IDS}`]:
            CATALOG_FILTER_EXISTS,
        },
      ],
    },
    { credentials },
  );
  const resolved: { entity: Entity; resolved: ResolvedEntity }[] = [];
  for (const entity of items) {
    try {
      resolved.push({
        entity,
        resolved: toResolvedEntity(entity, defaultRegion),
      });
    } catch {
      // an invalid annotation shows on the entity's own page
    }
  }
  return resolved;
}
