import { Execution } from '@drs-orchestration/plugin-drs-common';
import type { RunEvidence } from './invariants';
import { ExecutionPlan, WAVE_NAMES } from './scenario';

/** The failback's own checks: status, lineage, reverse order, each server launched once. */
function checkFailbackExecution(
  recovery: Execution,
  failback: Execution,
  evidence: RunEvidence,
): string[] {
  const found: string[] = [];
  if (failback.status !== 'COMPLETED') {
    found.push(`[failback] ${failback.executionId} ended ${failback.status}`);
  }
  if (failback.lineage?.fromExecutionId !== recovery.executionId) {
    found.push(`[failback] does not name its recovery in its lineage`);
  }
  const order = failback.waves.map(w => w.name).join(',');
  if (order !== [...WAVE_NAMES].reverse().join(',')) {
    found.push(`[failback] runs its waves as ${order}, not in reverse order`);
  }
  for (const wave of failback.waves) {
    for (const server of wave.servers) {
      const launches =
        evidence.calls.launchesBySourceServer[server.sourceServerId] ?? 0;
      if (launches !== 1) {
        found.push(
          `[exactly once] reversed server ${server.sourceServerId} (${wave.name}) was launched ${launches} times`,
        );
      }
    }
    for (const step of wave.steps ?? []) {
      if (step.type !== 'automation' || !step.automationExecutionId) continue;
      const started = [...evidence.failbackAutomations.values()]
        .flat()
        .filter(a => a.automationExecutionId === step.automationExecutionId);
      if (started.length !== 1) {
        found.push(
          `[exactly once] failback step ${wave.name}/${step.name} records automation ${step.automationExecutionId}, which SSM started ${started.length} times`,
        );
      }
    }
  }
  return found;
}

/**
 * A completed recovery was failed back: ReverseReplication once per recovery instance (the
 * simulator's count of calls that reached it), every reversed server CONTINUOUS before the
 * failback, and the failback completed in reverse wave order, launching each reversed server
 * exactly once.
 */
export function checkFailback(
  plan: ExecutionPlan,
  recovery: Execution,
  evidence: RunEvidence,
): string[] {
  const outcome = evidence.failbacks.get(plan.name);
  if (!outcome || recovery.mode !== 'RECOVERY') return [];
  if (!outcome.sent) {
    return recovery.status === 'COMPLETED'
      ? [`[failback] a COMPLETED recovery was not failed back: ${outcome.why}`]
      : [];
  }
  const found: string[] = [];
  const reverse = recovery.requests.reverseReplication;
  if (reverse?.status !== 'CONTINUOUS') {
    found.push(`[reverse replication] ended ${reverse?.status}`);
  }
  // DRS reversed each instance once. A call may reach DRS twice when the SDK retries a 5xx
  // injected after DRS committed it: DRS refuses the repeat, and the engine adopts the first.
  for (const server of reverse?.servers ?? []) {
    const id = server.recoveryInstanceId;
    const reversals = evidence.calls.reversalsByRecoveryInstance[id] ?? 0;
    if (reversals !== 1) {
      found.push(
        `[exactly once] DRS reversed ${id} (${
          server.sourceServerId
        }) ${reversals} times (${
          evidence.calls.reverseReplicationByRecoveryInstance[id] ?? 0
        } calls)`,
      );
    }
  }
  if (recovery.requests.failback?.executionId !== outcome.failbackExecutionId) {
    found.push(`[failback] the recovery does not name its failback`);
  }
  const failback = evidence.finals.get(outcome.failbackExecutionId);
  if (!failback) return [...found, '[failback] never stored'];
  return [...found, ...checkFailbackExecution(recovery, failback, evidence)];
}

/** The way back in one line: recoveries reversed and failed back, and what DRS was asked. */
export function failbackSummary(evidence: RunEvidence): string {
  const outcomes = [...evidence.failbacks.values()];
  const started = outcomes.filter(o => o.sent);
  const completed = started.filter(
    o =>
      o.sent &&
      evidence.finals.get(o.failbackExecutionId)?.status === 'COMPLETED',
  ).length;
  const sum = (counts: Record<string, number>) =>
    Object.values(counts).reduce((total, n) => total + n, 0);
  const { calls } = evidence;
  return `  way back: ${
    started.length
  } completed recoveries reversed and failed back (${completed} failbacks COMPLETED, waves in reverse order), ${
    outcomes.length - started.length
  } recoveries that did not complete left alone; ReverseReplication ${sum(
    calls.reverseReplicationByRecoveryInstance,
  )} calls reached DRS and reversed ${sum(
    calls.reversalsByRecoveryInstance,
  )} instances (a repeat is the SDK retrying a 5xx injected after DRS committed)`;
}
