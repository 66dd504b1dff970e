import { InputError } from '@backstage/errors';
import { PlanIssue, PlanReadiness } from '@drs-orchestration/plugin-drs-common';

/**
 * A 400 that carries every issue, each located at the field it concerns, and, when the plan
 * failed pre-flight, each server's readiness.
 */
export class PlanValidationError extends InputError {
  readonly details: Record<string, unknown>;

  constructor(readonly issues: PlanIssue[], readiness?: PlanReadiness) {
    super(
      `The plan is not valid: ${issues
        .filter(i => i.severity === 'error')
        .map(i => `${i.path}: ${i.message}`)
        .join('; ')}`,
    );
    this.details = { issues, ...readiness };
  }
}
