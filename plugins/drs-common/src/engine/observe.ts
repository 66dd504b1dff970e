/*
 * Folding DRS observations into a draft execution (a copy decide owns, so mutating it is safe).
 */
import {
  Execution,
  ExecutionServer,
  ExecutionWave,
  JobLogEvent,
} from '../executionTypes';
import { deepCopy } from './plainData';
import { recordedTimeMillis } from './time';
import { DrsJobObservation, RecoveryInstanceObservation } from './types';
import { launchCompleted } from './health';
import { skipPendingSteps } from './stepState';
import { failServer, serverLabel, wasLaunched } from './waves';

type Participant = DrsJobObservation['participatingServers'][number];

const FAILURE_EVENT = /_FAIL(ED)?$/;

/** Why the job log says a server failed: its LAUNCH_FAILED event, else its last other failure event. */
function failureFromLog(
  log: JobLogEvent[],
  sourceServerId: string,
): string | undefined {
  const events = log
    .filter(event => event.sourceServerId === sourceServerId)
    .reverse();
  const event =
    events.find(e => e.event === 'LAUNCH_FAILED') ??
    events.find(e => FAILURE_EVENT.test(e.event));
  if (!event) return undefined;
  return event.detail ? `${event.event}: ${event.detail}` : event.event;
}

function markFailed(
  server: ExecutionServer,
  participant: Participant | undefined,
  job: DrsJobObservation,
  log: JobLogEvent[],
) {
  failServer(
    server,
    failureFromLog(log, server.sourceServerId) ??
      server.failureReason ??
      (participant
        ? `DRS launch status ${participant.launchStatus ?? 'unknown'} in job ${
            job.jobId
          }`
        : `Not among the participating servers of DRS job ${job.jobId}`),
  );
}

function updateServer(
  server: ExecutionServer,
  participant: Participant | undefined,
  job: DrsJobObservation,
  log: JobLogEvent[],
  now: string,
) {
  if (participant) {
    server.launchStatus = participant.launchStatus ?? server.launchStatus;
    server.recoveryInstanceId =
      participant.recoveryInstanceId ?? server.recoveryInstanceId;
  }
  const launchStatus = participant?.launchStatus;
  if (launchStatus === 'LAUNCHED' && server.status !== 'FAILED') {
    if (server.status === 'LAUNCHING') server.status = 'LAUNCHED';
    server.launchedAt ??= now;
  }
  // LAUNCHED is not done: only the launch status at job completion counts, and a
  // server missing from a completed job did not launch.
  const failed =
    launchStatus === 'FAILED' ||
    (job.status === 'COMPLETED' && launchStatus !== 'LAUNCHED');
  if (failed || server.status === 'FAILED') {
    markFailed(server, participant, job, log);
  }
}

/** The wave's job is over: every server launched, or the wave fails and skips its after steps. */
function concludeWave(wave: ExecutionWave, now: string) {
  const failed = wave.servers.filter(server => server.status === 'FAILED');
  if (failed.length === 0) {
    launchCompleted(wave, now);
    return;
  }
  wave.status = 'FAILED';
  wave.endedAt = now;
  wave.failureReason = `${failed.length} of ${
    wave.servers.length
  } servers did not launch: ${failed
    .map(server => `${serverLabel(server)}: ${server.failureReason}`)
    .join('; ')}`;
  skipPendingSteps(wave, `Not run: ${wave.failureReason}`, now);
}

/**
 * DRS keeps its jobs; one it no longer reports long after the launch is gone (deleted, or the
 * wrong account or region is configured). Waiting for it would hang the execution until its
 * timeout, so the wave fails with a reason a person can act on.
 */
export const LOST_JOB_AFTER_SECONDS = 15 * 60;

export function applyLostJob(wave: ExecutionWave, now: string) {
  const since = Date.parse(wave.launchIntentAt ?? wave.startedAt ?? now);
  if (Date.parse(now) - since < LOST_JOB_AFTER_SECONDS * 1000) return;
  const reason = `DRS does not report job ${wave.jobId} (launched ${
    wave.launchIntentAt ?? wave.startedAt
  }); check the account and region of this service`;
  for (const server of wave.servers) {
    if (server.status !== 'FAILED') failServer(server, reason);
  }
  concludeWave(wave, now);
}

/** Applies what DRS says about the job of a STARTED wave; a COMPLETED job ends the wave. */
export function applyJobObservation(
  wave: ExecutionWave,
  job: DrsJobObservation,
  now: string,
) {
  if (job.log) wave.jobLog = deepCopy(job.log);
  const participants = new Map(
    job.participatingServers.map(p => [p.sourceServerId, p]),
  );
  for (const server of wave.servers) {
    updateServer(
      server,
      participants.get(server.sourceServerId),
      job,
      wave.jobLog,
      now,
    );
  }
  if (job.status === 'COMPLETED') concludeWave(wave, now);
}

/**
 * An instance belongs to the server when it is the one the job named, or, when the job named
 * none, once the server launched: before that, DRS may still list a previous drill's instance.
 */
function isInstanceOf(
  server: ExecutionServer,
  instance: RecoveryInstanceObservation,
): boolean {
  return server.recoveryInstanceId
    ? server.recoveryInstanceId === instance.recoveryInstanceId
    : wasLaunched(server);
}

/**
 * The achieved recovery point of a server DRS launched: the point in time its instance was
 * launched from, and the data lost, launchedAt − that point (never negative; rounded up, as
 * understating a loss is the worse error). A missing or zero timestamp measures nothing, and a
 * failed server recovered nothing.
 */
function recordRecoveryPoint(
  server: ExecutionServer,
  instance: RecoveryInstanceObservation,
) {
  if (server.status === 'FAILED') return;
  const pointInTime = recordedTimeMillis(instance.pointInTimeAt);
  const launchedAt = recordedTimeMillis(server.launchedAt);
  if (pointInTime === undefined || launchedAt === undefined) return;
  server.pointInTimeAt = new Date(pointInTime).toISOString();
  server.dataLossSeconds = Math.max(
    0,
    Math.ceil((launchedAt - pointInTime) / 1000),
  );
}

/**
 * Copies recovery instance details onto the servers they belong to, with the recovery point
 * each achieved. Health comes from the instances' EC2 status checks, not from their state.
 */
export function applyRecoveryInstances(
  execution: Execution,
  instances: Record<string, RecoveryInstanceObservation>,
) {
  // Most cycles observe no instance of this execution: skip the walk over all its servers.
  if (Object.keys(instances).length === 0) return;
  for (const wave of execution.waves) {
    for (const server of wave.servers) {
      const instance = instances[server.sourceServerId];
      if (!instance || !isInstanceOf(server, instance)) continue;
      server.recoveryInstanceId = instance.recoveryInstanceId;
      server.ec2InstanceId = instance.ec2InstanceId ?? server.ec2InstanceId;
      server.ec2InstanceState =
        instance.ec2InstanceState ?? server.ec2InstanceState;
      recordRecoveryPoint(server, instance);
    }
  }
}
