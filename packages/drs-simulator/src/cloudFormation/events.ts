import { asUuid, stableHex } from '../ids';
import { StackEventRecord, StackRecord } from './records';

/** A stack event, given an ID that is the same whenever the same world is replayed. */
export function addEvent(
  stack: StackRecord,
  event: Omit<StackEventRecord, 'eventId'>,
): void {
  stack.events.push({
    eventId: asUuid(stableHex(32, stack.stackId, String(stack.events.length))),
    ...event,
  });
}

/**
 * A change of the stack's own status, with the event CloudFormation writes for it. The model's
 * ResourceStatus lacks REVIEW_IN_PROGRESS and the *_CLEANUP_IN_PROGRESS statuses, so those change
 * the stack without an event.
 */
export function setStackStatus(
  stack: StackRecord,
  status: string,
  at: number,
  reason?: string,
): void {
  stack.status = status;
  stack.statusReason = reason;
  if (
    status === 'REVIEW_IN_PROGRESS' ||
    status.endsWith('CLEANUP_IN_PROGRESS')
  ) {
    return;
  }
  addEvent(stack, {
    at,
    logicalId: stack.stackName,
    physicalId: stack.stackId,
    type: 'AWS::CloudFormation::Stack',
    status,
    ...(reason ? { reason } : {}),
    ...(stack.operation?.token ? { token: stack.operation.token } : {}),
  });
}
