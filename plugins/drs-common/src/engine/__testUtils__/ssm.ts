import { Dice } from '@drs-orchestration/drs-simulator';
import { automationOutcome } from '../stepState';
import { AutomationExecutionObservation } from '../types';

interface Automation {
  id: string;
  token: string;
  status: string;
  endedAt?: string;
}

/**
 * SSM Automation as the property test plays it: one automation per ClientToken (a repeated
 * token answers with the automation it started), each moving on at random, a stop taking it
 * through Cancelling to Cancelled unless it ended first.
 */
export class SsmModel {
  private readonly byToken = new Map<string, Automation>();
  private readonly byId = new Map<string, Automation>();

  constructor(private readonly dice: Dice, private readonly prefix: string) {}

  /** Whether SSM has an automation for this token. */
  has(token: string): boolean {
    return this.byToken.has(token);
  }

  /** StartAutomationExecution: the automation of this token, started now if SSM has none. */
  start(token: string): string {
    const known = this.byToken.get(token);
    if (known) return known.id;
    const automation = {
      id: `${this.prefix}-${this.byToken.size}`,
      token,
      status: 'Pending',
    };
    this.byToken.set(token, automation);
    this.byId.set(automation.id, automation);
    return automation.id;
  }

  /** StopAutomationExecution (Cancel). */
  stop(id: string) {
    const automation = this.byId.get(id);
    if (automation && automationOutcome(automation.status) === undefined) {
      automation.status = 'Cancelling';
    }
  }

  /** Time passes: automations move on. */
  advance(now: Date) {
    for (const automation of this.byId.values()) {
      if (automationOutcome(automation.status) !== undefined) continue;
      const roll = this.dice.next();
      if (automation.status === 'Cancelling') {
        if (roll < 0.6) automation.status = 'Cancelled';
      } else if (automation.status === 'Pending') {
        if (roll < 0.5) automation.status = 'InProgress';
      } else if (roll < 0.25) {
        automation.status = this.dice.pick([
          'Success',
          'Success',
          'Success',
          'Success',
          'CompletedWithSuccess',
          'Failed',
          'TimedOut',
          'Rejected',
        ]);
      } else if (roll < 0.3) {
        automation.status = 'Waiting';
      }
      if (automationOutcome(automation.status) !== undefined) {
        automation.endedAt = now.toISOString();
      }
    }
  }

  /** GetAutomationExecution, with outputs now and then large enough to be cut, and a bogus end time now and then. */
  observe(id: string): AutomationExecutionObservation | undefined {
    const automation = this.byId.get(id);
    if (!automation) return undefined;
    const outcome = automationOutcome(automation.status);
    return {
      automationExecutionId: id,
      status: automation.status,
      ...(outcome === 'SUCCEEDED'
        ? {
            outputs: {
              result: ['x'.repeat(this.dice.int(1, 3000))],
              other: ['y'],
            },
          }
        : {}),
      ...(outcome === 'FAILED' ? { failureMessage: 'Step failed: boom' } : {}),
      ...(automation.endedAt
        ? {
            endedAt: this.dice.chance(0.1)
              ? '1970-01-01T00:00:00.000Z'
              : automation.endedAt,
          }
        : {}),
    };
  }
}
