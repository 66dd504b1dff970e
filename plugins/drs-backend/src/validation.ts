import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { formatIssuePath } from '@internal/plugin-drs-common';
import { z } from 'zod';

/** Parses request input with zod, answering 400 with every problem and where it is. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues
      .map(issue => {
        const path = formatIssuePath(issue.path);
        return path ? `${path}: ${issue.message}` : issue.message;
      })
      .join('; ');
    throw new InputError(`Invalid ${what}: ${problems}`);
  }
  return result.data;
}

const entityNamePart = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9\-_.]{0,62}$/,
    'must be 1-63 letters, digits, -, _ or . (as in the catalog)',
  );

export const entityParamsSchema = z.object({
  kind: entityNamePart,
  namespace: entityNamePart,
  name: entityNamePart,
});

/** The entity ref of routes under /entities/:kind/:namespace/:name. */
export function entityRefFromParams(params: unknown): string {
  const { kind, namespace, name } = parseInput(
    entityParamsSchema,
    params,
    'entity reference',
  );
  return stringifyEntityRef({ kind, namespace, name });
}

export const uuidSchema = z.string().uuid('must be an ID this API returned');

/** Optimistic-locking version a client sends back with an update or delete. */
export const versionSchema = z.coerce
  .number({ invalid_type_error: 'must be the version number you read' })
  .int()
  .min(1);
