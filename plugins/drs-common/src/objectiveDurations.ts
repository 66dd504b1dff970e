/**
 * Recovery objectives as people state them: ISO 8601 durations on a catalog entity's
 * annotations or a plan's fields, read with luxon. Pure: no I/O.
 */
import { Entity } from '@backstage/catalog-model';
import { Duration } from 'luxon';
import { z } from 'zod';

/**
 * Entity annotation: the service's recovery time objective, an ISO 8601 duration such as
 * `PT1H` (one hour) or `PT30M`. A plan's `rto` overrides it.
 *
 * @public
 */
export const ANNOTATION_DRS_RTO = 'aws.amazon.com/drs-rto';
/**
 * Entity annotation: the service's recovery point objective, an ISO 8601 duration such as
 * `PT15M`. A plan's `rpo` overrides it.
 *
 * @public
 */
export const ANNOTATION_DRS_RPO = 'aws.amazon.com/drs-rpo';

/**
 * An objective a person stated, read: its length, as written, and where it was written.
 *
 * @public
 */
export interface StatedObjective {
  /** The duration in seconds. */
  seconds: number;
  /** The ISO 8601 duration as written, e.g. `PT1H`. */
  iso: string;
  /** The entity's annotation or the plan's field. */
  source: 'entity' | 'plan';
}

/**
 * An objective that could not be read: a configuration problem to show, never to ignore.
 *
 * @public
 */
export interface ObjectiveProblem {
  /** Where it is written: the annotation's name, or `plan "<name>" rto`. */
  field: string;
  /** The value as written. */
  value: string;
  /** What is wrong with it and how to write it, in words a person can act on. */
  message: string;
}

/**
 * The recovery time and point objectives in force, and those that could not be read.
 *
 * @public
 */
export interface StatedObjectives {
  /** The recovery time objective; absent when none is stated (or it could not be read). */
  rto?: StatedObjective;
  /** The recovery point objective; absent when none is stated (or it could not be read). */
  rpo?: StatedObjective;
  /** Objectives written that could not be read. */
  problems: ObjectiveProblem[];
}

const EXAMPLES = 'e.g. PT1H for one hour, PT15M for 15 minutes, P1D for a day';

/**
 * Reads an ISO 8601 duration as seconds, or says what is wrong with it. Years and months are
 * refused: their length varies, and `P1M` (one month) is the usual slip for `PT1M` (one minute).
 * Zero and negative durations are refused: no objective is that.
 *
 * @public
 */
export function parseObjectiveDuration(
  value: string,
): { seconds: number } | { error: string } {
  const text = value.trim();
  const duration = Duration.fromISO(text);
  if (!duration.isValid) {
    return {
      error: `"${value}" is not an ISO 8601 duration (${EXAMPLES})`,
    };
  }
  if (duration.years !== 0 || duration.quarters !== 0 || duration.months) {
    return {
      error: `"${value}" counts years or months, whose length varies; write weeks, days, hours or minutes (P1M is one month: one minute is PT1M)`,
    };
  }
  const units = Object.values(duration.toObject());
  const seconds = Math.round(duration.as('seconds'));
  if (units.some(unit => unit < 0) || seconds < 1) {
    return {
      error: `"${value}" is not a positive duration (${EXAMPLES})`,
    };
  }
  return { seconds };
}

/**
 * A plan's optional objective field: an ISO 8601 duration, refused with a message naming what
 * is wrong (the field's name is added by whoever reports the issue).
 *
 * @public
 */
export const objectiveDurationSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const parsed = parseObjectiveDuration(value);
    if ('error' in parsed) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
    }
  });

function read(
  value: string | undefined,
  field: string,
  source: StatedObjective['source'],
  problems: ObjectiveProblem[],
): StatedObjective | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = parseObjectiveDuration(value);
  if ('error' in parsed) {
    problems.push({ field, value, message: parsed.error });
    return undefined;
  }
  return { seconds: parsed.seconds, iso: value.trim(), source };
}

/**
 * The objectives an entity's annotations state; an annotation that is not an ISO 8601
 * duration is a problem in the answer, not an objective.
 *
 * @public
 */
export function entityObjectives(entity: Entity): StatedObjectives {
  const annotations = entity.metadata.annotations ?? {};
  const problems: ObjectiveProblem[] = [];
  const rto = read(
    annotations[ANNOTATION_DRS_RTO],
    ANNOTATION_DRS_RTO,
    'entity',
    problems,
  );
  const rpo = read(
    annotations[ANNOTATION_DRS_RPO],
    ANNOTATION_DRS_RPO,
    'entity',
    problems,
  );
  return { rto, rpo, problems };
}

/**
 * The objectives in force for a plan: its own fields where it states them, else the entity's.
 * A plan's field that cannot be read (stored before it was validated) is a problem, and the
 * entity's objective holds in its place.
 *
 * @public
 */
export function planObjectives(
  entity: StatedObjectives,
  plan: { name: string; rto?: string; rpo?: string },
): StatedObjectives {
  const problems: ObjectiveProblem[] = [];
  const field = (name: string) => `plan "${plan.name}" ${name}`;
  return {
    rto: read(plan.rto, field('rto'), 'plan', problems) ?? entity.rto,
    rpo: read(plan.rpo, field('rpo'), 'plan', problems) ?? entity.rpo,
    problems,
  };
}
