import type { SimulatorCallLog } from '@drs-orchestration/drs-simulator';
import {
  Execution,
  ExecutionStatus,
  isActiveExecutionStatus,
} from '@drs-orchestration/plugin-drs-common';
import { recoveryInstanceIds } from '@drs-orchestration/plugin-drs-common/engine';
import {
  AutomationWitness,
  checkAutomationSteps,
  strayAutomations,
} from './automationInvariants';
import { checkPointsInTime, LaunchWitness } from './pointsInTime';
import { describeExecution, describePlan } from './describe';
import { checkFailback } from './failbackInvariants';
import { FailbackOutcome } from './failbackOperator';
import {
  ExecutionPlan,
  expectedOutcome,
  expectedServerStatuses,
  expectedWaveStatuses,
  Expectation,
  requestReachable,
  RequestOutcome,
} from './scenario';

/** Everything the run left behind, read after the engines stopped. */
export interface RunEvidence {
  plans: ExecutionPlan[];
  /** By plan name. */
  executionIds: Map<string, string>;
  /** Each execution as its start recorded it (the answer to the start), by plan name. */
  started: Map<string, Execution>;
  requests: Map<string, RequestOutcome>;
  /** Requests to terminate a finished drill's instances, by plan name. */
  terminates: Map<string, RequestOutcome>;
  /** By execution ID. */
  finals: Map<string, Execution>;
  sourceServerIds: Map<string, string>;
  /** The simulator's call log: its launch jobs created per source server are the witness of exactly-once. */
  calls: SimulatorCallLog;
  /** The simulator's jobs by ID, with their participating source server and recovery instance IDs. */
  jobs: Map<
    string,
    { type: string; sourceServerIds: string[]; recoveryInstanceIds: string[] }
  >;
  /** Recovery instances DRS still has. */
  recoveryInstanceIds: Set<string>;
  /** DRS's account of each launched source server's launch, by source server ID. */
  witnesses: Map<string, LaunchWitness>;
  /** SSM's automations, by the step their `Step` parameter names: the witness of exactly-once. */
  automations: Map<string, AutomationWitness[]>;
  /** The recoveries' way back, by plan name. */
  failbacks: Map<string, FailbackOutcome>;
  /** SSM's automations in the origin region (the failbacks' steps), by step. */
  failbackAutomations: Map<string, AutomationWitness[]>;
}

function checkRequest(
  plan: ExecutionPlan,
  outcome: RequestOutcome,
  final: Execution,
): string[] {
  const request = plan.request;
  if (!request) return [];
  const wave = plan.waves[request.wave].name;
  if (!outcome.sent) {
    return requestReachable(plan)
      ? [
          `[request] ${request.kind} of wave "${wave}" was never made: the execution never got there (final ${final.status})`,
        ]
      : [];
  }
  if ('refused' in outcome) {
    // A request is only given up when the execution had already ended.
    return isActiveExecutionStatus(outcome.statusThen)
      ? [
          `[no update lost] ${request.kind} was refused while the execution was ${outcome.statusThen}: ${outcome.refused}`,
        ]
      : [];
  }
  if (request.kind === 'resume') {
    const approved = final.waves[request.wave];
    if (approved.approvedBy === undefined || approved.status === 'PENDING') {
      return [
        `[no update lost] resume of wave "${wave}" was accepted at version ${outcome.accepted.version}, but the wave is ${approved.status}, approved by ${approved.approvedBy}`,
      ];
    }
    return [];
  }
  return final.status === 'CANCELLED' && final.requests.cancel
    ? []
    : [
        `[no update lost] cancel was accepted at version ${outcome.accepted.version}, but the execution ended ${final.status}`,
      ];
}

/**
 * An accepted terminate ends COMPLETED: DRS has none of the drill's recovery instances left,
 * and exactly one TERMINATE job took them, however often its answer was lost or its engine
 * killed.
 */
function checkTerminate(
  outcome: RequestOutcome | undefined,
  final: Execution,
  evidence: RunEvidence,
): string[] {
  if (!outcome?.sent) return [];
  const instances = recoveryInstanceIds(final);
  if ('refused' in outcome) {
    return instances.length > 0
      ? [
          `[terminate] refused although servers were launched: ${outcome.refused}`,
        ]
      : [];
  }
  const found: string[] = [];
  const terminate = final.requests.terminate;
  if (terminate?.status !== 'COMPLETED') {
    found.push(
      `[terminate] accepted at version ${outcome.accepted.version}, but ended ${
        terminate?.status ?? 'without a request'
      }${terminate?.failureReason ? ` (${terminate.failureReason})` : ''}`,
    );
  }
  const left = instances.filter(id => evidence.recoveryInstanceIds.has(id));
  if (left.length > 0) {
    found.push(
      `[terminate] DRS still has recovery instances ${left.join(', ')}`,
    );
  }
  const jobs = [...evidence.jobs.entries()].filter(
    ([, job]) =>
      job.type === 'TERMINATE' &&
      job.recoveryInstanceIds.some(id => instances.includes(id)),
  );
  if (jobs.length !== 1) {
    found.push(
      `[exactly once] ${
        jobs.length
      } TERMINATE jobs took this drill's instances: ${jobs
        .map(([jobId]) => jobId)
        .join(', ')}`,
    );
  }
  return found;
}

/** What broke for one subject (an execution, an engine process), with the evidence. */
export interface Finding {
  subject: string;
  evidence?: string;
  /** Each starts with the invariant's name in brackets, e.g. `[exactly once]`. */
  violations: string[];
}

/** A wave's terminal state, its servers', and its launch exactly once (DRS's launch log). */
function checkWave(
  plan: ExecutionPlan,
  evidence: RunEvidence,
  final: Execution,
  expected: Expectation,
  i: number,
): string[] {
  const found: string[] = [];
  const planWave = plan.waves[i];
  const wave = final.waves[i];
  const launched = expected.launchedWaves.includes(i);
  const waveStatuses = expectedWaveStatuses(
    plan,
    i,
    launched,
    expected.cancelled !== undefined,
  );
  if (!waveStatuses.includes(wave.status)) {
    found.push(
      `[terminal state] wave "${wave.name}": expected ${waveStatuses.join(
        ' or ',
      )}, got ${wave.status}`,
    );
  }
  for (const server of wave.servers) {
    const statuses = expectedServerStatuses(plan, server.hostname, launched);
    if (!statuses.includes(server.status)) {
      found.push(
        `[terminal state] server ${server.hostname} of wave "${
          wave.name
        }": expected ${statuses.join(' or ')}, got ${server.status}`,
      );
    }
  }
  const launches = planWave.hostnames.map(
    hostname =>
      evidence.calls.launchesBySourceServer[
        evidence.sourceServerIds.get(hostname)!
      ] ?? 0,
  );
  const expectedLaunches = launched ? 1 : 0;
  if (launches.some(count => count !== expectedLaunches)) {
    found.push(
      `[exactly once] wave "${
        wave.name
      }" must have been launched ${expectedLaunches} time(s); DRS created ${launches.join(
        ', ',
      )} launch jobs for its servers ${planWave.hostnames.join(', ')}`,
    );
  }
  if (launched) {
    const job = wave.jobId ? evidence.jobs.get(wave.jobId) : undefined;
    const serverIds = wave.servers.map(s => s.sourceServerId).sort();
    if (
      job?.type !== 'LAUNCH' ||
      [...job.sourceServerIds].sort().join() !== serverIds.join()
    ) {
      found.push(
        `[exactly once] wave "${wave.name}" records job ${wave.jobId}, which is not DRS's launch job of its servers`,
      );
    }
  }
  return found;
}

function checkExecution(
  plan: ExecutionPlan,
  evidence: RunEvidence,
  executionId: string,
): Finding {
  const final = evidence.finals.get(executionId)!;
  const request = evidence.requests.get(plan.name) ?? { sent: false };
  const expected = expectedOutcome(plan, request);
  const found: string[] = [];

  if (isActiveExecutionStatus(final.status)) {
    found.push(`[stuck] still ${final.status} after the deadline`);
  } else if (final.status !== expected.status) {
    found.push(
      `[terminal state] expected ${expected.status}, got ${final.status}`,
    );
  }
  plan.waves.forEach((_, i) =>
    found.push(...checkWave(plan, evidence, final, expected, i)),
  );
  found.push(
    ...checkAutomationSteps(plan, final, expected, evidence.automations),
  );
  found.push(
    ...checkPointsInTime(
      plan,
      evidence.started.get(plan.name)!,
      final,
      evidence.witnesses,
    ),
  );
  found.push(...checkRequest(plan, request, final));
  found.push(
    ...checkTerminate(evidence.terminates.get(plan.name), final, evidence),
  );
  found.push(...checkFailback(plan, final, evidence));
  return {
    subject: describePlan(plan, executionId),
    evidence: describeExecution(final),
    violations: found,
  };
}

/** Every broken invariant, by execution, with its evidence; empty when the run was correct. */
export function findViolations(evidence: RunEvidence): Finding[] {
  const stray = strayAutomations(evidence.plans, evidence.automations);
  return evidence.plans
    .map(plan => {
      const executionId = evidence.executionIds.get(plan.name);
      return executionId
        ? checkExecution(plan, evidence, executionId)
        : { subject: plan.name, violations: ['[started] never started'] };
    })
    .concat(stray.length > 0 ? [{ subject: 'SSM', violations: stray }] : [])
    .filter(finding => finding.violations.length > 0);
}

export function countByStatus(executions: Execution[]) {
  const counts: Partial<Record<ExecutionStatus, number>> = {};
  for (const { status } of executions)
    counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
