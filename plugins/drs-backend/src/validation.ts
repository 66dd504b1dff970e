import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { formatIssuePath } from '@drs-orchestration/plugin-drs-common';
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

const entityParamsSchema = z.object({
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

const planIdParams = z.object({ planId: uuidSchema }).passthrough();

/** The plan ID of routes under /plans/:planId. */
export function planIdFromParams(params: unknown): string {
  return parseInput(planIdParams, params, 'plan ID').planId;
}

const versionRule = 'must be the version number you read';

/** Optimistic-locking version a client sends back with an update; DynamoDB numbers stay exact below 2^53. */
export const versionSchema = z
  .number({ invalid_type_error: versionRule, required_error: versionRule })
  .int(versionRule)
  .min(1, versionRule)
  .max(Number.MAX_SAFE_INTEGER, versionRule);

/**
 * A number given in the query string: only plain digits are read as a number, so `1e3`, `0x10`,
 * `true` or a repeated parameter get the schema's own message instead of being coerced.
 */
export function queryNumber<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess(
    value =>
      typeof value === 'string' && /^[0-9]{1,16}$/.test(value)
        ? Number(value)
        : value,
    schema,
  );
}

const noQuery = z.object({}).strict();

/**
 * The query parameters of a route. A route that declares none refuses any, so that a misspelt
 * or unsupported filter is an error instead of being silently ignored.
 */
export function parseQuery<T extends z.ZodTypeAny>(
  query: unknown,
  schema?: T,
): z.infer<T> {
  return parseInput(schema ?? noQuery, query, 'query');
}
