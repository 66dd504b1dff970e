import { AutomationOutcome, ResolvedAutomationDocument } from '../inventory';
import { LifecycleContext } from '../lifecycle';
import { runOutputs } from './documents';
import { ssmError } from './errors';

/**
 * How long the parts of an automation run take at speed 1, in seconds; the run itself lasts its
 * document's `durationSeconds` (or `timeoutSeconds` when it times out). At speed N every part is
 * N times shorter.
 *
 * @public
 */
export const AUTOMATION_BASE_SECONDS = {
  /** Pending, before its step starts. */
  pending: 2,
  /** Cancelling, after StopAutomationExecution, before it is Cancelled. */
  cancelling: 5,
};

/**
 * The statuses of SSM's model that the simulator's automation runs go through.
 *
 * @public
 */
export type AutomationStatus =
  | 'Pending'
  | 'InProgress'
  | 'Success'
  | 'Failed'
  | 'TimedOut'
  | 'Cancelling'
  | 'Cancelled';

const ENDED: AutomationStatus[] = [
  'Success',
  'Failed',
  'TimedOut',
  'Cancelled',
];

export interface AutomationRecord {
  readonly automationExecutionId: string;
  readonly stepExecutionId: string;
  /** The document as it was when the run started. */
  readonly document: ResolvedAutomationDocument;
  readonly documentVersion: string;
  readonly parameters: Record<string, string[]>;
  /** Lower case: SSM's tokens are case-insensitive. */
  readonly clientToken?: string;
  /** The request without its token: a retry with the same token must ask for the same. */
  readonly request: string;
  /** Decided when the run starts: changing faults later leaves it alone. */
  readonly outcome: AutomationOutcome;
  readonly createdAt: number;
  status: AutomationStatus;
  stepStartedAt?: number;
  endedAt?: number;
  outputs?: Record<string, string[]>;
  failureMessage?: string;
}

/** One account's automation runs in one region. */
export interface TenantAutomations {
  readonly byId: Map<string, AutomationRecord>;
  readonly byClientToken: Map<string, AutomationRecord>;
}

export function emptyAutomations(): TenantAutomations {
  return { byId: new Map(), byClientToken: new Map() };
}

export function hasEnded(record: AutomationRecord): boolean {
  return ENDED.includes(record.status);
}

function end(
  record: AutomationRecord,
  status: AutomationStatus,
  at: number,
  details: Pick<AutomationRecord, 'outputs' | 'failureMessage'> = {},
) {
  record.status = status;
  record.endedAt = at;
  Object.assign(record, details);
}

function failureMessage(record: AutomationRecord): string {
  const { document } = record;
  if (record.outcome === 'timeout') {
    return `Step timed out after ${document.timeoutSeconds} seconds while executing ${document.name} (simulated)`;
  }
  return (
    document.failureMessage ??
    `Step fails when it is Executing. Fail Message: ${document.name} failed (simulated)`
  );
}

/**
 * Schedules a run: Pending, then InProgress, then Success, Failed or TimedOut as its outcome
 * says; a run that hangs stays InProgress until it is stopped. A run being stopped ignores
 * what was scheduled for it.
 */
export function scheduleAutomation(
  ctx: LifecycleContext,
  record: AutomationRecord,
): void {
  const startsAt =
    record.createdAt + ctx.durationMs(AUTOMATION_BASE_SECONDS.pending);
  ctx.queue.schedule(startsAt, () => {
    if (record.status !== 'Pending') return;
    record.status = 'InProgress';
    record.stepStartedAt = startsAt;
  });
  if (record.outcome === 'hang') return;
  const { document } = record;
  const endsAt =
    startsAt +
    ctx.durationMs(
      record.outcome === 'timeout'
        ? document.timeoutSeconds
        : document.durationSeconds,
    );
  ctx.queue.schedule(endsAt, () => {
    if (record.status !== 'InProgress') return;
    if (record.outcome === 'success') {
      end(record, 'Success', endsAt, {
        outputs: runOutputs(document, record.parameters),
      });
    } else {
      end(record, record.outcome === 'fail' ? 'Failed' : 'TimedOut', endsAt, {
        failureMessage: failureMessage(record),
      });
    }
  });
}

/** Cancelling at once, Cancelled shortly after; stopping a run that is Cancelling changes nothing. */
export function stopAutomation(
  ctx: LifecycleContext,
  record: AutomationRecord,
  now: number,
): void {
  if (hasEnded(record)) {
    throw ssmError(
      'InvalidAutomationStatusUpdateException',
      `Automation execution ${record.automationExecutionId} has already ended (${record.status})`,
    );
  }
  if (record.status === 'Cancelling') return;
  record.status = 'Cancelling';
  const cancelledAt = now + ctx.durationMs(AUTOMATION_BASE_SECONDS.cancelling);
  ctx.queue.schedule(cancelledAt, () => end(record, 'Cancelled', cancelledAt));
}
