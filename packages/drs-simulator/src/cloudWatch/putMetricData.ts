import { SimulatorMetricBatch } from '../callLog';
import { OperationContext } from '../operations/context';
import { cloudWatchError } from './errors';

/** One datum as PutMetricData takes it (the model's MetricDatum). */
export type MetricDatumInput = SimulatorMetricBatch['metricData'][number];

export interface PutMetricDataInput {
  Namespace: string;
  MetricData: MetricDatumInput[];
}

/** The batches the call log keeps, the latest: a demo that runs for days must not grow without end. */
const LOGGED_BATCHES = 1000;

/** CloudWatch's limits on one call, from the PutMetricData API reference. */
const MAX_DATUMS = 1000;
const MAX_VALUES = 150;
/** Values CloudWatch rejects: it keeps values between 8.515920e-109 and 1.174271e+108 in magnitude. */
const MAX_MAGNITUDE = 1.174271e108;

function invalid(message: string) {
  return cloudWatchError('InvalidParameterValueException', message);
}

function checkValue(value: number, at: string) {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
    throw invalid(`The value ${value} for parameter ${at} is invalid.`);
  }
}

function checkDatum(datum: MetricDatumInput, index: number) {
  const at = `MetricData.member.${index + 1}`;
  const kinds = [datum.Value, datum.StatisticValues, datum.Values].filter(
    v => v !== undefined,
  );
  if (kinds.length > 1) {
    throw cloudWatchError(
      'InvalidParameterCombinationException',
      `The parameters ${at}.Value, ${at}.StatisticValues and ${at}.Values are mutually exclusive and you have specified more than one.`,
    );
  }
  if (datum.Value !== undefined) checkValue(datum.Value, `${at}.Value`);
  for (const [i, value] of (datum.Values ?? []).entries()) {
    checkValue(value, `${at}.Values.member.${i + 1}`);
  }
  if ((datum.Values?.length ?? 0) > MAX_VALUES) {
    throw invalid(
      `The collection ${at}.Values must not have a size greater than ${MAX_VALUES}.`,
    );
  }
  if (datum.Counts && datum.Counts.length !== (datum.Values?.length ?? 0)) {
    throw cloudWatchError(
      'InvalidParameterCombinationException',
      `The parameters ${at}.Values and ${at}.Counts must be of the same size.`,
    );
  }
  if (
    datum.Timestamp !== undefined &&
    Number.isNaN(Date.parse(datum.Timestamp))
  ) {
    throw invalid(
      `The timestamp ${datum.Timestamp} for parameter ${at}.Timestamp is invalid.`,
    );
  }
}

/**
 * PutMetricData: checks the batch as CloudWatch does beyond the model (at most 1000 datums, finite
 * values in range, one of Value, StatisticValues or Values), then records it in the call log:
 * the simulator keeps no metrics to read back, only what it was sent.
 */
export function putMetricData(
  { sim, tenant, now }: OperationContext,
  input: PutMetricDataInput,
) {
  if (input.MetricData.length > MAX_DATUMS) {
    throw invalid(
      `The collection MetricData must not have a size greater than ${MAX_DATUMS}.`,
    );
  }
  input.MetricData.forEach(checkDatum);
  sim.calls.metricData.push({
    accountId: tenant.accountId,
    region: tenant.region,
    receivedAt: new Date(now).toISOString(),
    namespace: input.Namespace,
    metricData: input.MetricData.map(datum => ({
      ...datum,
      ...(datum.Timestamp && {
        Timestamp: new Date(datum.Timestamp).toISOString(),
      }),
    })),
  });
  sim.calls.metricData.splice(0, sim.calls.metricData.length - LOGGED_BATCHES);
  return {};
}
