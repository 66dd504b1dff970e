import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  formatIssuePath,
  PLAN_MODES,
  PlanMode,
  SOURCE_SERVER_ID_PATTERN,
} from '@drs-orchestration/plugin-drs-common';
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

const RECOVERY_SNAPSHOT_ID = /^pit-[0-9a-zA-Z]{17}$/;
/** The most servers a plan has: 20 waves of 100. */
const MAX_SNAPSHOT_CHOICES = 2000;

/** Which point in time a start launches from; see PointInTimeChoice. */
export const pointInTimeSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('latest') }).strict(),
    z
      .object({
        type: z.literal('before'),
        at: z
          .string({ required_error: 'give the cut-off as an ISO 8601 instant' })
          .datetime({
            offset: true,
            message: 'must be an ISO 8601 instant, e.g. 2025-03-01T09:30:00Z',
          })
          // An unreadable instant has its own message above.
          .refine(
            at => !(Date.parse(at) > Date.now()),
            'must not be in the future: for the newest point in time, use { "type": "latest" }',
          ),
      })
      .strict(),
    z
      .object({
        type: z.literal('snapshots'),
        snapshotIds: z
          .record(
            z
              .string()
              .regex(
                SOURCE_SERVER_ID_PATTERN,
                'keys must be source server IDs, s- and 17 letters or digits',
              ),
            z
              .string()
              .regex(
                RECOVERY_SNAPSHOT_ID,
                'must be a recovery snapshot ID, pit- and 17 letters or digits',
              ),
            { required_error: 'name a recovery snapshot ID per source server' },
          )
          .refine(
            ids => Object.keys(ids).length > 0,
            'name a recovery snapshot ID for every server of the plan',
          )
          .refine(
            ids => Object.keys(ids).length <= MAX_SNAPSHOT_CHOICES,
            `name at most ${MAX_SNAPSHOT_CHOICES} servers, the most a plan has`,
          ),
      })
      .strict(),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === 'invalid_union_discriminator'
        ? { message: "type must be 'latest', 'before' or 'snapshots'" }
        : { message: ctx.defaultError },
  },
);

const dataLossRule =
  'must be a whole number of seconds, 0 or more: the largest data-loss window you accept';

/**
 * What a start (or its pre-flight) asks beyond the plan: the mode, the point in time, and the
 * options that belong to one mode only, refused with the other.
 */
/**
 * The mode a plan starts in; a FAILBACK is started from its recovery, and the message says how.
 */
export const planModeSchema = z.enum(PLAN_MODES, {
  errorMap: (issue, ctx) =>
    issue.code === 'invalid_enum_value' && issue.received === 'FAILBACK'
      ? {
          message:
            'a plan starts a DRILL or a RECOVERY; a FAILBACK starts from its completed recovery: POST /executions/{recoveryId}/failback',
        }
      : { message: ctx.defaultError },
});

export const startChoiceSchema = z
  .object({
    mode: planModeSchema.optional(),
    pointInTime: pointInTimeSchema.optional(),
    allowDegradedReplication: z.boolean().optional(),
    acceptDataLossSeconds: z
      .number({ invalid_type_error: dataLossRule })
      .int(dataLossRule)
      .min(0, dataLossRule)
      .max(Number.MAX_SAFE_INTEGER, dataLossRule)
      .optional(),
  })
  .strict();

/** Refuses the options of the other mode, naming the field. */
export function refuseOtherModesOptions(
  choice: z.infer<typeof startChoiceSchema>,
  mode: PlanMode,
): void {
  if (mode === 'RECOVERY' && choice.allowDegradedReplication !== undefined) {
    throw new InputError(
      'Invalid start request: allowDegradedReplication: applies to drills only; a RECOVERY launches every server from its point in time whatever its replication. Remove it.',
    );
  }
  if (mode === 'DRILL' && choice.acceptDataLossSeconds !== undefined) {
    throw new InputError(
      'Invalid start request: acceptDataLossSeconds: applies to a RECOVERY only; a drill leaves the source as it is and loses no data. Remove it.',
    );
  }
}
