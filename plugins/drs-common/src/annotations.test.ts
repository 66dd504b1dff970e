import { Entity } from '@backstage/catalog-model';
import * as annotations from './annotations';

const { getDrsTarget, isDrsAvailable, matchesSelector, parseTagSelector } =
  annotations;
const ACCOUNT = annotations.ANNOTATION_DRS_ACCOUNT_ID;
const REGION = annotations.ANNOTATION_DRS_REGION;
const IDS = annotations.ANNOTATION_DRS_SOURCE_SERVER_IDS;
const TAGS = annotations.ANNOTATION_DRS_SOURCE_SERVER_TAGS;

function entity(withAnnotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      ...(withAnnotations ? { annotations: withAnnotations } : {}),
    },
  };
}

describe('isDrsAvailable', () => {
  it('is true when the entity names its servers by tags or by IDs', () => {
    expect(isDrsAvailable(entity({ [TAGS]: 'Application=checkout' }))).toBe(
      true,
    );
    expect(isDrsAvailable(entity({ [IDS]: 's-00000000000000001' }))).toBe(true);
  });

  it('is false without annotations, with only a location, or with blank ones', () => {
    expect(isDrsAvailable(entity())).toBe(false);
    expect(
      isDrsAvailable(
        entity({
          [ACCOUNT]: '111122223333',
          [REGION]: 'eu-west-1',
        }),
      ),
    ).toBe(false);
    expect(
      isDrsAvailable(
        entity({
          [TAGS]: '  ',
          [IDS]: '',
        }),
      ),
    ).toBe(false);
  });
});

describe('parseTagSelector', () => {
  it('reads Key=Value pairs, trimmed, skipping empty parts; a value may contain =', () => {
    expect(parseTagSelector(' Application = checkout ,, Tier=web=1 ,')).toEqual(
      { Application: 'checkout', Tier: 'web=1' },
    );
  });

  it('names the part that is not Key=Value', () => {
    expect(() => parseTagSelector('Application=checkout,web')).toThrow(
      `Invalid tag "web" in ${TAGS}: expected Key=Value`,
    );
    expect(() => parseTagSelector('=checkout')).toThrow(
      'Invalid tag "=checkout"',
    );
  });

  it('refuses a value that names no tag', () => {
    expect(() => parseTagSelector(' , ')).toThrow(`${TAGS} names no tags`);
  });
});

describe('getDrsTarget', () => {
  it('is undefined for an entity without DRS annotations', () => {
    expect(getDrsTarget(entity())).toBeUndefined();
  });

  it('selects by tags in the account and region the entity names', () => {
    expect(
      getDrsTarget(
        entity({
          [TAGS]: 'Application=checkout',
          [ACCOUNT]: ' 111122223333 ',
          [REGION]: 'eu-west-1',
        }),
      ),
    ).toEqual({
      accountId: '111122223333',
      region: 'eu-west-1',
      selector: { kind: 'tags', tags: { Application: 'checkout' } },
    });
  });

  it('prefers IDs to tags, and leaves a blank account or region to the defaults', () => {
    expect(
      getDrsTarget(
        entity({
          [TAGS]: 'not a tag',
          [IDS]: ' s-1 ,, s-2 ',
          [ACCOUNT]: ' ',
        }),
      ),
    ).toEqual({
      accountId: undefined,
      region: undefined,
      selector: { kind: 'ids', ids: ['s-1', 's-2'] },
    });
  });

  it('throws, naming the part, when the tags annotation is malformed', () => {
    expect(() => getDrsTarget(entity({ [TAGS]: 'checkout' }))).toThrow(
      'Invalid tag "checkout"',
    );
  });
});

describe('matchesSelector', () => {
  const server = {
    sourceServerId: 's-1',
    tags: { Application: 'checkout', Tier: 'web' },
  };

  it('matches by ID', () => {
    expect(matchesSelector(server, { kind: 'ids', ids: ['s-0', 's-1'] })).toBe(
      true,
    );
    expect(matchesSelector(server, { kind: 'ids', ids: ['s-2'] })).toBe(false);
  });

  it('matches when the server carries every tag of the selector', () => {
    expect(
      matchesSelector(server, { kind: 'tags', tags: { Tier: 'web' } }),
    ).toBe(true);
    expect(
      matchesSelector(server, {
        kind: 'tags',
        tags: { Application: 'checkout', Tier: 'db' },
      }),
    ).toBe(false);
    expect(
      matchesSelector(server, { kind: 'tags', tags: { Owner: 'ops' } }),
    ).toBe(false);
  });
});
