import { ConflictError, InputError } from '@backstage/errors';
import {
  DataLossAcceptance,
  PlanReadiness,
} from '@drs-orchestration/plugin-drs-common';

/** The figures a refused RECOVERY answers with, beside the message. */
function figures(
  acceptance: Exclude<DataLossAcceptance, { accepted: true }>,
  readiness: PlanReadiness,
) {
  return {
    worstDataLossSeconds: acceptance.worstDataLossSeconds,
    acceptedDataLossSeconds: acceptance.acceptedDataLossSeconds,
    servers: readiness.servers,
  };
}

/** A RECOVERY that accepted no data loss: 400, saying what to send and the current window. */
export class DataLossNotAcceptedError extends InputError {
  constructor(message: string, readonly details: Record<string, unknown>) {
    super(message);
  }
}

/** A RECOVERY whose data-loss window is now larger than it accepted: 409 with the current figures. */
export class DataLossGrewError extends ConflictError {
  constructor(message: string, readonly details: Record<string, unknown>) {
    super(message);
  }
}

/** The refusal of a RECOVERY whose acknowledgement does not cover the data a launch loses now. */
export function dataLossRefusal(
  acceptance: Exclude<DataLossAcceptance, { accepted: true }>,
  readiness: PlanReadiness,
): Error {
  const details = figures(acceptance, readiness);
  return acceptance.reason === 'missing'
    ? new DataLossNotAcceptedError(acceptance.message, details)
    : new DataLossGrewError(acceptance.message, details);
}
