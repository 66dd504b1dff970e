import { InputError } from '@backstage/errors';
import { PlanIssue } from '@drs-orchestration/plugin-drs-common';

/** A 400 that carries every issue, each located at the field it concerns. */
export class PlanValidationError extends InputError {
  constructor(readonly issues: PlanIssue[]) {
    super(
      `The plan is not valid: ${issues
        .filter(i => i.severity === 'error')
        .map(i => `${i.path}: ${i.message}`)
        .join('; ')}`,
    );
  }
}
