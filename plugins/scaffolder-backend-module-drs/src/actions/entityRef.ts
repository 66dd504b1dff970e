import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

export interface EntityName {
  /** Lower-cased, as in catalog URLs. */
  kind: string;
  namespace: string;
  name: string;
}

/** The catalog's name rule, which the drs backend also applies to its routes. */
const ENTITY_NAME_PART = /^[A-Za-z0-9][A-Za-z0-9\-_.]{0,62}$/;

function tryParseEntityRef(ref: string) {
  try {
    return parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
}

/** Parses `component:default/checkout` (kind defaults to component, namespace to default). */
export function parseEntityRefInput(action: string, ref: string): EntityName {
  const parsed = tryParseEntityRef(ref);
  const valid =
    parsed !== undefined &&
    [parsed.kind, parsed.namespace, parsed.name].every(part =>
      ENTITY_NAME_PART.test(part),
    );
  if (!valid) {
    throw new InputError(
      `Invalid input to ${action}: entityRef "${ref}" is not an entity reference such as component:default/checkout`,
    );
  }
  return {
    kind: parsed.kind.toLocaleLowerCase('en-US'),
    namespace: parsed.namespace,
    name: parsed.name,
  };
}

/** The drs backend's route prefix of an entity. */
export function entityPath(entity: EntityName): string {
  return `/entities/${encodeURIComponent(entity.kind)}/${encodeURIComponent(
    entity.namespace,
  )}/${encodeURIComponent(entity.name)}`;
}
