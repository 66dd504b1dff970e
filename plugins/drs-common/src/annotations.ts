import { Entity } from '@backstage/catalog-model';

/**
 * Entity annotation: the AWS account of the entity's DRS source servers. Without it the
 * backend's default account is used.
 *
 * @public
 */
export const ANNOTATION_DRS_ACCOUNT_ID = 'aws.amazon.com/drs-account-id';
/**
 * Entity annotation: the AWS region of the entity's DRS source servers. Without it the
 * backend's default region is used.
 *
 * @public
 */
export const ANNOTATION_DRS_REGION = 'aws.amazon.com/drs-region';
/**
 * Entity annotation: selects the entity's source servers by DRS tags, `Key=Value,Key2=Value2`;
 * a server must carry all of them.
 *
 * @public
 */
export const ANNOTATION_DRS_SOURCE_SERVER_TAGS =
  'aws.amazon.com/drs-source-server-tags';
/**
 * Entity annotation: the entity's source server IDs, comma-separated. Takes precedence over
 * the tags annotation.
 *
 * @public
 */
export const ANNOTATION_DRS_SOURCE_SERVER_IDS =
  'aws.amazon.com/drs-source-server-ids';

/**
 * Which DRS source servers belong to a catalog entity, read from its annotations.
 *
 * @public
 */
export type SourceServerSelector =
  | { kind: 'tags'; tags: Record<string, string> }
  | { kind: 'ids'; ids: string[] };

/**
 * Where an entity's DRS source servers are and which ones they are, as its annotations say.
 *
 * @public
 */
export interface DrsTarget {
  /** Absent means the backend's default account. */
  accountId?: string;
  /** Absent means the backend's default region. */
  region?: string;
  /** Which source servers of that account and region are the entity's. */
  selector: SourceServerSelector;
}

/**
 * True when the entity names its DRS source servers by tags or by IDs: the filter of the
 * DRS tabs and cards.
 *
 * @public
 */
export function isDrsAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[ANNOTATION_DRS_SOURCE_SERVER_TAGS]?.trim() ||
      annotations[ANNOTATION_DRS_SOURCE_SERVER_IDS]?.trim(),
  );
}

/**
 * Parses `Key=Value,Key2=Value2` into a tag map.
 * Throws with a message naming the offending part, so a misconfigured entity is easy to fix.
 */
export function parseTagSelector(value: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of value.split(',')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) {
      throw new Error(
        `Invalid tag "${trimmed}" in ${ANNOTATION_DRS_SOURCE_SERVER_TAGS}: expected Key=Value`,
      );
    }
    tags[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  if (Object.keys(tags).length === 0) {
    throw new Error(`${ANNOTATION_DRS_SOURCE_SERVER_TAGS} names no tags`);
  }
  return tags;
}

/**
 * Reads the entity's DRS target, or undefined when it carries no DRS annotation.
 * Throws when the tags annotation is malformed, naming the offending part.
 *
 * @public
 */
export function getDrsTarget(entity: Entity): DrsTarget | undefined {
  if (!isDrsAvailable(entity)) return undefined;
  const annotations = entity.metadata.annotations ?? {};
  const ids = annotations[ANNOTATION_DRS_SOURCE_SERVER_IDS]?.trim();
  const selector: SourceServerSelector = ids
    ? {
        kind: 'ids',
        ids: ids
          .split(',')
          .map(id => id.trim())
          .filter(Boolean),
      }
    : {
        kind: 'tags',
        tags: parseTagSelector(annotations[ANNOTATION_DRS_SOURCE_SERVER_TAGS]),
      };
  return {
    accountId: annotations[ANNOTATION_DRS_ACCOUNT_ID]?.trim() || undefined,
    region: annotations[ANNOTATION_DRS_REGION]?.trim() || undefined,
    selector,
  };
}

/**
 * Whether a DRS source server is one the selector names.
 *
 * @public
 */
export function matchesSelector(
  server: { sourceServerId: string; tags: Record<string, string> },
  selector: SourceServerSelector,
): boolean {
  if (selector.kind === 'ids')
    return selector.ids.includes(server.sourceServerId);
  return Object.entries(selector.tags).every(([k, v]) => server.tags[k] === v);
}
