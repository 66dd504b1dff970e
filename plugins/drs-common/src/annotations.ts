import { Entity } from '@backstage/catalog-model';

export const ANNOTATION_DRS_ACCOUNT_ID = 'aws.amazon.com/drs-account-id';
export const ANNOTATION_DRS_REGION = 'aws.amazon.com/drs-region';
export const ANNOTATION_DRS_SOURCE_SERVER_TAGS =
  'aws.amazon.com/drs-source-server-tags';
export const ANNOTATION_DRS_SOURCE_SERVER_IDS =
  'aws.amazon.com/drs-source-server-ids';

/** Which DRS source servers belong to a catalog entity, read from its annotations. */
export type SourceServerSelector =
  | { kind: 'tags'; tags: Record<string, string> }
  | { kind: 'ids'; ids: string[] };

export interface DrsTarget {
  /** Absent means the backend's default account. */
  accountId?: string;
  /** Absent means the backend's default region. */
  region?: string;
  selector: SourceServerSelector;
}

/** True when the entity names its DRS source servers by tags or by IDs. */
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

/** Reads the entity's DRS target, or undefined when it carries no DRS annotation. */
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

/** Whether a DRS source server is one the selector names. */
export function matchesSelector(
  server: { sourceServerId: string; tags: Record<string, string> },
  selector: SourceServerSelector,
): boolean {
  if (selector.kind === 'ids')
    return selector.ids.includes(server.sourceServerId);
  return Object.entries(selector.tags).every(([k, v]) => server.tags[k] === v);
}
