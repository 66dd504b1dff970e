import { DrsLaunchStatus, WaitFor } from '../../statuses';
import {
  Execution,
  ExecutionServer,
  ExecutionWave,
} from '../../executionTypes';
import { executionSteps } from '../../steps';
import { ExecutionStep, PlanStep } from '../../stepTypes';
import { decide } from '../decide';
import { deepFreeze } from '../plainData';
import { recordWaveLaunched } from '../records';
import { recordAutomationStart } from '../stepRecords';
import { ExecutionRequestError } from '../requests';
import { assertLegalTransitions } from '../transitions';
import {
  AutomationExecutionObservation,
  Decision,
  DrsJobObservation,
  DrsObservations,
  EngineCommand,
  InstanceStatusObservation,
  RecoveryInstanceObservation,
  StartAutomationCommand,
  StopAutomationCommand,
} from '../types';

export { deepFreeze };

export const T0 = new Date('2025-03-01T10:00:00.000Z');
export const SETTINGS = { pollIntervalSeconds: 30 };

/** The instant `seconds` after T0. */
export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

export interface WaveSpec {
  name: string;
  servers: string[];
  waitFor?: WaitFor;
  pauseBefore?: boolean;
  dependsOn?: string[];
  before?: PlanStep[];
  after?: PlanStep[];
  healthTimeoutSeconds?: number;
}

export function makeExecution(
  waves: WaveSpec[],
  overrides: Partial<Execution> = {},
): Execution {
  return {
    executionId: 'exec-1',
    planId: 'plan-1',
    planName: 'Checkout',
    entityRef: 'component:default/checkout',
    mode: 'DRILL',
    status: 'PENDING',
    region: 'eu-west-1',
    initiatedBy: 'user:default/ana',
    createdAt: T0.toISOString(),
    timeoutAt: at(3600).toISOString(),
    waves: waves.map(
      (spec): ExecutionWave => ({
        name: spec.name,
        status: 'PENDING',
        waitFor: spec.waitFor ?? 'LAUNCHED',
        pauseBefore: spec.pauseBefore ?? false,
        dependsOn: spec.dependsOn ?? [],
        ...(spec.before || spec.after
          ? {
              steps: executionSteps({
                name: spec.name,
                sourceServerIds: spec.servers,
                waitFor: spec.waitFor ?? 'LAUNCHED',
                pauseBefore: false,
                dependsOn: [],
                before: spec.before,
                after: spec.after,
              }),
            }
          : {}),
        ...(spec.healthTimeoutSeconds
          ? { healthTimeoutSeconds: spec.healthTimeoutSeconds }
          : {}),
        servers: spec.servers.map(
          (id): ExecutionServer => ({
            sourceServerId: id,
            hostname: `${id}.example`,
            status: 'NOT_STARTED',
          }),
        ),
        jobLog: [],
      }),
    ),
    polling: { pollCount: 0 },
    requests: {},
    version: 1,
    ...overrides,
  };
}

export function noObservations(): DrsObservations {
  return { jobs: {}, recoveryInstancesBySourceServer: {} };
}

export function recoveryInstanceIdOf(sourceServerId: string): string {
  return `ri-${sourceServerId}`;
}

/** A job whose servers report the given launch statuses, with recovery instance IDs unless told otherwise. */
export function job(
  jobId: string,
  status: DrsJobObservation['status'],
  launchStatuses: Record<string, DrsLaunchStatus | undefined>,
  options: {
    withRecoveryInstanceIds?: boolean;
    log?: DrsJobObservation['log'];
  } = {},
): DrsJobObservation {
  const withIds = options.withRecoveryInstanceIds ?? true;
  return {
    jobId,
    status,
    participatingServers: Object.entries(launchStatuses).map(
      ([sourceServerId, launchStatus]) => ({
        sourceServerId,
        launchStatus,
        recoveryInstanceId:
          withIds && launchStatus
            ? recoveryInstanceIdOf(sourceServerId)
            : undefined,
      }),
    ),
    log: options.log,
  };
}

export function instance(
  sourceServerId: string,
  ec2InstanceState: string,
  recoveryInstanceId = recoveryInstanceIdOf(sourceServerId),
): RecoveryInstanceObservation {
  return {
    recoveryInstanceId,
    sourceServerId,
    ec2InstanceId: `i-${sourceServerId}`,
    ec2InstanceState,
  };
}

export function observe(
  jobs: DrsJobObservation[],
  instances: RecoveryInstanceObservation[] = [],
  more: {
    automations?: AutomationExecutionObservation[];
    statuses?: InstanceStatusObservation[];
  } = {},
): DrsObservations {
  return {
    jobs: Object.fromEntries(jobs.map(j => [j.jobId, j])),
    recoveryInstancesBySourceServer: Object.fromEntries(
      instances.map(i => [i.sourceServerId, i]),
    ),
    ...(more.automations
      ? {
          automationExecutions: Object.fromEntries(
            more.automations.map(a => [a.automationExecutionId, a]),
          ),
        }
      : {}),
    ...(more.statuses
      ? {
          instanceStatuses: Object.fromEntries(
            more.statuses.map(status => [status.ec2InstanceId, status]),
          ),
        }
      : {}),
  };
}

/** What SSM reports of an automation. */
export function automation(
  automationExecutionId: string,
  status: string,
  extra: Partial<AutomationExecutionObservation> = {},
): AutomationExecutionObservation {
  return { automationExecutionId, status, ...extra };
}

/** EC2 status checks of a server's instance (its EC2 ID as the `instance` fixture names it). */
export function checks(
  sourceServerId: string,
  instanceStatus = 'ok',
  systemStatus = 'ok',
): InstanceStatusObservation {
  return { ec2InstanceId: `i-${sourceServerId}`, instanceStatus, systemStatus };
}

export function stepOf(
  execution: Execution,
  waveName: string,
  stepName: string,
): ExecutionStep {
  const found = (wave(execution, waveName).steps ?? []).find(
    s => s.name === stepName,
  );
  if (!found) throw new Error(`no step ${stepName} in wave ${waveName}`);
  return found;
}

export function startAutomationCommands(
  decision: Decision,
): StartAutomationCommand[] {
  return decision.commands.flatMap(c =>
    c.type === 'START_AUTOMATION' ? [c] : [],
  );
}

export function stopAutomationCommands(
  decision: Decision,
): StopAutomationCommand[] {
  return decision.commands.flatMap(c =>
    c.type === 'STOP_AUTOMATION' ? [c] : [],
  );
}

/** The plumbing's record of the automation SSM started for the step at these indexes. */
export function automationStarted(
  execution: Execution,
  waveIndex: number,
  stepIndex: number,
  automationExecutionId: string,
  now: Date = at(1),
): Execution {
  return recordAutomationStart(
    execution,
    { waveIndex, stepIndex },
    { automationExecutionId },
    now,
  );
}

/** What observationNeeds returns for an execution that needs nothing, to spread what it does need into. */
export const NO_NEEDS = {
  jobIds: [],
  sourceServerIdsNeedingInstances: [],
  automationExecutionIds: [],
  ec2InstanceIdsNeedingStatus: [],
  reversedServers: [],
};

/** decide on a frozen input, checked against the transition tables independently of decide. */
export function step(
  execution: Execution,
  observations: DrsObservations = noObservations(),
  now: Date = at(60),
): Decision {
  const decision = decide(deepFreeze(execution), observations, now, SETTINGS);
  assertLegalTransitions(execution, decision.execution);
  return decision;
}

export function startWaveCommands(decision: Decision) {
  return decision.commands.filter(
    (c): c is Extract<EngineCommand, { type: 'START_WAVE' }> =>
      c.type === 'START_WAVE',
  );
}

export function notifications(decision: Decision) {
  return decision.commands.flatMap(c => (c.type === 'NOTIFY' ? [c.event] : []));
}

/** The job ID the helpers below give a wave's DRS job. */
export function jobIdOf(waveName: string): string {
  return `job-${waveName}`;
}

/** One decide, then the plumbing's record of each started wave's job (named by jobIdOf). */
export function stepAndLaunch(
  execution: Execution,
  observations: DrsObservations = noObservations(),
  now: Date = at(60),
): { decision: Decision; execution: Execution } {
  const decision = step(execution, observations, now);
  const launched = startWaveCommands(decision).reduce(
    (current, command) =>
      recordWaveLaunched(
        current,
        command.waveIndex,
        jobIdOf(current.waves[command.waveIndex].name),
        now,
      ),
    decision.execution,
  );
  return { decision, execution: launched };
}

/** One decide in which the wave's job completed with every server LAUNCHED, beside what else is observed. */
export function jobCompleted(
  execution: Execution,
  waveName: string,
  now: Date,
  instances: RecoveryInstanceObservation[] = [],
  more: Parameters<typeof observe>[2] = {},
): Decision {
  return step(
    execution,
    observe(
      [waveJob(execution, waveName, 'COMPLETED', 'LAUNCHED')],
      instances,
      more,
    ),
    now,
  );
}

/** A job for a wave in which every server reports the same launch status. */
export function waveJob(
  execution: Execution,
  waveName: string,
  status: DrsJobObservation['status'],
  launchStatus: DrsLaunchStatus,
): DrsJobObservation {
  const ids = wave(execution, waveName).servers.map(s => s.sourceServerId);
  return job(
    jobIdOf(waveName),
    status,
    Object.fromEntries(ids.map(id => [id, launchStatus])),
  );
}

export function wave(execution: Execution, name: string): ExecutionWave {
  const found = execution.waves.find(w => w.name === name);
  if (!found) throw new Error(`no wave ${name}`);
  return found;
}

export function server(
  execution: Execution,
  sourceServerId: string,
): ExecutionServer {
  const found = execution.waves
    .flatMap(w => w.servers)
    .find(s => s.sourceServerId === sourceServerId);
  if (!found) throw new Error(`no server ${sourceServerId}`);
  return found;
}

/** The ExecutionRequestError a request throws; any other outcome fails the test. */
export function requestError(request: () => unknown): ExecutionRequestError {
  try {
    request();
  } catch (error) {
    if (error instanceof ExecutionRequestError) return error;
    throw error;
  }
  throw new Error('The request was accepted');
}
