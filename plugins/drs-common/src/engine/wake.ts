/*
 * When decide must look at an execution again although nothing it observes changed: the
 * instants at which a rule of the clock alone changes what it decides.
 */
import { isActiveExecutionStatus } from '../statuses';
import { Execution, ExecutionWave } from '../executionTypes';
import { STOP_CONFIRM_SECONDS } from './automation';
import { isStopping, stepsOf } from './stepState';
import { isoTimeAfterSeconds } from './time';

function waveInstants(wave: ExecutionWave, active: boolean): string[] {
  const instants: string[] = [];
  for (const step of stepsOf(wave)) {
    if (active && step.status === 'RUNNING') {
      if (step.deadlineAt) instants.push(step.deadlineAt);
      if (step.type === 'wait' && step.waitUntil) instants.push(step.waitUntil);
    }
    if (isStopping(step)) {
      instants.push(
        isoTimeAfterSeconds(
          new Date(step.stopRequestedAt!),
          STOP_CONFIRM_SECONDS,
        ),
      );
    }
  }
  const inHealthGate =
    active &&
    wave.status === 'STARTED' &&
    wave.launchCompletedAt !== undefined &&
    wave.recoveredAt === undefined;
  if (inHealthGate) {
    for (const server of wave.servers) {
      if (server.status !== 'HEALTHY' && server.healthDeadlineAt) {
        instants.push(server.healthDeadlineAt);
      }
    }
  }
  return instants;
}

/** The earliest of the execution's clock rules still to come after `now`; see Decision.wakeAt. */
export function nextWakeAt(
  execution: Execution,
  now: Date,
): string | undefined {
  const active = isActiveExecutionStatus(execution.status);
  const instants = execution.waves.flatMap(wave => waveInstants(wave, active));
  const cleanup = execution.drillCleanup;
  if (cleanup?.status === 'SCHEDULED' && cleanup.dueAt) {
    instants.push(cleanup.dueAt);
  }
  let earliest: number | undefined;
  for (const instant of instants) {
    const time = Date.parse(instant);
    if (time > now.getTime() && (earliest === undefined || time < earliest)) {
      earliest = time;
    }
  }
  return earliest === undefined ? undefined : new Date(earliest).toISOString();
}
