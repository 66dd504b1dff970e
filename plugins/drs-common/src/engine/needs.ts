import { isActiveExecutionStatus } from '../statuses';
import { Execution } from '../executionTypes';
import { awaitsHealth } from './health';
import { isStopping, stepsOf } from './stepState';
import { reversedServersToObserve } from './reverseReplication';
import { isTerminateInFlight } from './terminate';
import { allServers, isLaunching, wasLaunched } from './waves';

/**
 * What the plumbing must observe for this execution, each asked in one batch per account and
 * region for all executions there: DRS jobs (DescribeJobs) and recovery instances
 * (DescribeRecoveryInstances), SSM automations (GetAutomationExecution) and EC2 status checks
 * (DescribeInstanceStatus).
 *
 * @public
 */
export function observationNeeds(execution: Execution): {
  jobIds: string[];
  sourceServerIdsNeedingInstances: string[];
  /** Automations of running steps, and those being stopped (also after the execution ended). */
  automationExecutionIds: string[];
  /** EC2 instances of LAUNCHED servers that may become HEALTHY. */
  ec2InstanceIdsNeedingStatus: string[];
  /** Reversed source servers whose replication is followed, each in its region. */
  reversedServers: { sourceServerId: string; region: string }[];
} {
  const jobIds: string[] = [];
  const sourceServerIds = new Set<string>();
  const automationExecutionIds: string[] = [];
  const ec2InstanceIds: string[] = [];
  const active = isActiveExecutionStatus(execution.status);
  for (const wave of execution.waves) {
    for (const step of stepsOf(wave)) {
      const running = active && step.status === 'RUNNING';
      if (
        step.type === 'automation' &&
        step.automationExecutionId &&
        (running || isStopping(step))
      ) {
        automationExecutionIds.push(step.automationExecutionId);
      }
    }
    if (!active) continue;
    if (isLaunching(wave) && wave.jobId) jobIds.push(wave.jobId);
    for (const server of wave.servers) {
      // Running waves for recovery instance IDs the job may lack; completed waves for health.
      const launching =
        wave.status === 'STARTED' &&
        (server.status === 'LAUNCHING' || server.status === 'LAUNCHED');
      const awaitingHealth = awaitsHealth(wave) && server.status === 'LAUNCHED';
      if (launching || awaitingHealth)
        sourceServerIds.add(server.sourceServerId);
      if (awaitingHealth && server.ec2InstanceId)
        ec2InstanceIds.push(server.ec2InstanceId);
    }
  }
  const terminate = execution.requests.terminate;
  if (terminate?.status === 'STARTED' && terminate.jobId) {
    jobIds.push(terminate.jobId);
  } else if (
    isTerminateInFlight(terminate) ||
    execution.drillCleanup?.status === 'SCHEDULED'
  ) {
    // The TERMINATE command needs the instance IDs a job did not report.
    allServers(execution)
      .filter(server => wasLaunched(server) && !server.recoveryInstanceId)
      .forEach(server => sourceServerIds.add(server.sourceServerId));
  }
  return {
    jobIds,
    sourceServerIdsNeedingInstances: [...sourceServerIds],
    automationExecutionIds,
    ec2InstanceIdsNeedingStatus: ec2InstanceIds,
    reversedServers: reversedServersToObserve(execution),
  };
}
