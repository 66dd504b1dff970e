import { automationSummary } from './automationInvariants';
import { FleetStats } from './engineFleet';
import { countByStatus, Finding, RunEvidence } from './invariants';
import { failbackSummary } from './failbackInvariants';
import { pointsInTimeSummary } from './pointsInTime';
import { RequestPlan } from './scenario';

/**
 * Violations of the run as a whole: engine processes that died on their own, missing coverage
 * (the first launch and the first automation started while chaos is on are always killed over).
 */
export function fleetFindings(stats: FleetStats): Finding[] {
  const findings: Finding[] = stats.unexpectedExits.map(exit => ({
    subject: 'engine process',
    violations: [`[engine process] ${exit}`],
  }));
  if (stats.killsAt['automation-started'] === 0) {
    findings.push({
      subject: 'the run',
      violations: [
        "[coverage] no engine was killed between SSM starting a step's automation and its record",
      ],
    });
  }
  if (stats.killsInIntentWindow === 0) {
    findings.push({
      subject: 'the run',
      violations: [
        '[coverage] no engine was killed between a launch intent and its job record',
      ],
    });
  }
  return findings;
}

/** What happened in the run, in a few lines. */
export function printSummary(
  evidence: RunEvidence,
  stats: FleetStats,
  run: { seed: number; elapsedMs: number },
) {
  const { calls } = evidence;
  const outcomes = countByStatus([...evidence.finals.values()]);
  const outcomesOf = (kinds: RequestPlan['kind'][]) =>
    evidence.plans
      .filter(plan => plan.request && kinds.includes(plan.request.kind))
      .map(plan => evidence.requests.get(plan.name));
  const accepted = (kinds: RequestPlan['kind'][]) =>
    outcomesOf(kinds).filter(r => r?.sent && 'accepted' in r).length;
  const cancels: RequestPlan['kind'][] = [
    'cancel-while-running',
    'cancel-while-paused',
    'cancel-during-automation',
  ];
  const refused = outcomesOf([...cancels, 'resume']).filter(
    r => r?.sent && 'refused' in r,
  ).length;
  const launches = Object.values(calls.launchesBySourceServer).reduce(
    (sum, n) => sum + n,
    0,
  );
  const passed = Object.values(calls.startRecoveryBySourceServer).reduce(
    (sum, n) => sum + n,
    0,
  );
  console.log(
    [
      `chaos: seed ${run.seed}, wall time ${(run.elapsedMs / 1000).toFixed(
        0,
      )} s`,
      `  executions: ${Object.entries(outcomes)
        .map(([status, count]) => `${status} ${count}`)
        .join(', ')}; accepted ${accepted(cancels)} cancels (${accepted([
        'cancel-during-automation',
      ])} while an automation ran) and ${accepted([
        'resume',
      ])} resumes, ${refused} requests refused because the execution had ended; terminate of a finished drill's instances accepted ${
        [...evidence.terminates.values()].filter(t => t.sent && 'accepted' in t)
          .length
      } times, refused ${
        [...evidence.terminates.values()].filter(t => t.sent && 'refused' in t)
          .length
      } (nothing launched)`,
      `  engine kills: ${stats.kills} (timer ${stats.killsAt.timer}, before StartRecovery ${stats.killsAt['before-start-recovery']}, during StartRecovery ${stats.killsAt['during-start-recovery']}, after DRS created the job ${stats.killsAt['job-created']}, before StartAutomationExecution ${stats.killsAt['before-start-automation']}, after SSM started the automation ${stats.killsAt['automation-started']}), ${stats.killsInIntentWindow} of them between launch intent and job record; ${stats.restarts} restarts, ${stats.cycles} engine cycles`,
      `  DRS: ${calls.total} calls, ${calls.injected.throttled} throttled and ${
        calls.injected.internalErrors
      } answered 5xx on purpose; StartRecovery ${
        calls.byOperation.StartRecovery
      } calls launched ${launches} servers; DRS refused ${
        passed - launches
      } more passes of servers (a job already held them)`,
      automationSummary(
        evidence.plans,
        [...evidence.finals.values()],
        evidence.automations,
        calls,
      ),
      pointsInTimeSummary(
        evidence.plans,
        [...evidence.finals.values()],
        evidence.witnesses,
      ),
      failbackSummary(evidence),
    ].join('\n'),
  );
}

/** Each broken invariant, counted, then each finding with its evidence. */
export function printFindings(findings: Finding[], seed: number) {
  const broken = new Map<string, number>();
  for (const violation of findings.flatMap(f => f.violations)) {
    const invariant = violation.slice(0, violation.indexOf(']') + 1);
    broken.set(invariant, (broken.get(invariant) ?? 0) + 1);
  }
  console.error(
    [
      `chaos: FAILED (replay with CHAOS_SEED=${seed}): ${[...broken]
        .map(([invariant, count]) => `${invariant} ×${count}`)
        .join(', ')}`,
      ...findings.map(finding =>
        [
          `- ${finding.subject}`,
          ...finding.violations.map(v => `    ${v}`),
          ...(finding.evidence ? [`    ended ${finding.evidence}`] : []),
        ].join('\n'),
      ),
    ].join('\n'),
  );
}
