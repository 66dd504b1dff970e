import {
  describeJobLogItems,
  describeJobs,
  DescribeJobsInput,
  startRecovery,
  StartRecoveryInput,
} from './jobs';
import {
  describeRecoveryInstances,
  DescribeRecoveryInstancesInput,
  terminateRecoveryInstances,
} from './recoveryInstances';
import {
  describeRecoverySnapshots,
  DescribeRecoverySnapshotsInput,
  describeSourceServers,
  DescribeSourceServersInput,
  getLaunchConfiguration,
} from './sourceServers';
import { OperationSpec } from './context';
import { startReplication, stopReplication } from './replication';
import { reverseReplication } from './reverseReplication';

/** The DRS operations the simulator serves, by name (= request path). */
export const OPERATIONS: Record<string, OperationSpec> = {
  DescribeSourceServers: {
    handle: (context, input) =>
      describeSourceServers(context, input as DescribeSourceServersInput),
  },
  GetLaunchConfiguration: {
    handle: (context, input) =>
      getLaunchConfiguration(context, input as { sourceServerID: string }),
  },
  DescribeRecoverySnapshots: {
    handle: (context, input) =>
      describeRecoverySnapshots(
        context,
        input as DescribeRecoverySnapshotsInput,
      ),
  },
  StartRecovery: {
    handle: (context, input) =>
      startRecovery(context, input as StartRecoveryInput),
    commits: true,
  },
  DescribeJobs: {
    handle: (context, input) =>
      describeJobs(context, input as DescribeJobsInput),
  },
  DescribeJobLogItems: {
    handle: (context, input) =>
      describeJobLogItems(context, input as { jobID: string }),
  },
  DescribeRecoveryInstances: {
    handle: (context, input) =>
      describeRecoveryInstances(
        context,
        input as DescribeRecoveryInstancesInput,
      ),
  },
  TerminateRecoveryInstances: {
    handle: (context, input) =>
      terminateRecoveryInstances(
        context,
        input as { recoveryInstanceIDs: string[] },
      ),
    commits: true,
  },
  ReverseReplication: {
    handle: (context, input) =>
      reverseReplication(context, input as { recoveryInstanceID: string }),
    commits: true,
  },
  StartReplication: {
    handle: (context, input) =>
      startReplication(context, input as { sourceServerID: string }),
    commits: true,
  },
  StopReplication: {
    handle: (context, input) =>
      stopReplication(context, input as { sourceServerID: string }),
    commits: true,
  },
};
