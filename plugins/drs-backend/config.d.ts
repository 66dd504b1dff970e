import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the DRS orchestration backend plugin. */
  drs?: {
    /**
     * Region of DRS calls for entities without an `aws.amazon.com/drs-region` annotation.
     * @default us-east-1
     */
    defaultRegion?: string;
    /**
     * Endpoint of the DRS API. Leave unset for real AWS; the embedded default points it at
     * the DRS simulator on loopback.
     */
    endpoint?: string;
    /**
     * Account whose credentials (from the `aws` section of @backstage/integration-aws-node)
     * are used for entities without an `aws.amazon.com/drs-account-id` annotation.
     */
    defaultAccountId?: string;
    /**
     * Seconds after which one attempt of a DRS, SSM or EC2 request is abandoned (the AWS SDK
     * makes up to 3). Keep it well below drs.engine.launchLeaseSeconds: the lease assumes a
     * StartRecovery call, retries included, has ended by the time it runs out.
     * @default 30
     */
    requestTimeoutSeconds?: number;
    /** SSM Automation, which runs the runbooks of the steps before and after waves. */
    ssm?: {
      /**
       * Endpoint of the SSM API. Leave unset for real AWS; the embedded default points it at
       * the simulator on loopback, which serves SSM Automation beside DRS.
       */
      endpoint?: string;
    };
    /** EC2, whose status checks of recovery instances make a server HEALTHY. */
    ec2?: {
      /**
       * Endpoint of the EC2 API. Leave unset for real AWS; the embedded default points it at
       * the simulator on loopback, which serves DescribeInstanceStatus beside DRS.
       */
      endpoint?: string;
    };
    /**
     * CloudWatch metrics of the engine: with a namespace, each completed engine cycle sends one
     * PutMetricData there (EngineHeartbeat, CycleDurationSeconds, DrsErrors, DrsThrottles,
     * ActiveExecutions), which the stack's alarms and dashboard read. Unset: nothing is sent.
     */
    cloudWatch?: {
      /**
       * The metrics' namespace; the stack's alarms, and its IAM condition on
       * `cloudwatch:namespace`, use the same one (`DRSOrchestration` by default).
       */
      namespace?: string;
      /** Endpoint of CloudWatch. Leave unset for real AWS; the demo points it at the simulator. */
      endpoint?: string;
      /**
       * Region the metrics go to, with the credentials of drs.defaultAccountId.
       * @default drs.defaultRegion
       */
      region?: string;
    };
    dynamodb?: {
      /**
       * Region of the plans and executions tables.
       * @default us-east-1
       */
      region?: string;
      /** Endpoint of DynamoDB. Leave unset for real AWS; the embedded default uses a local server. */
      endpoint?: string;
      /** Account whose credentials reach the tables; unset means the main account of the `aws` section. */
      accountId?: string;
      /**
       * Prefix of the table names: `<prefix>plans` and `<prefix>executions`.
       * @default drs-orchestration-
       */
      tablePrefix?: string;
      /**
       * Create missing tables at start-up (local use). In production the tables come from the
       * CloudFormation stack and the backend refuses to start when one is missing.
       * @default false
       */
      createTables?: boolean;
    };
    /**
     * DRS quotas per account and region, as raised in your AWS account; the defaults are AWS's.
     * Plans are checked against them when saved, pre-flighted and started.
     */
    quotas?: {
      /**
       * Servers in one StartRecovery job: a plan with a larger wave is refused.
       * @default 100
       */
      maxServersPerJob?: number;
      /**
       * Jobs running at once in an account and region. Not checked before a launch: DRS
       * refuses a job beyond it, and the wave then waits for capacity (shown on the wave)
       * until a job ends or the plan's timeout.
       * @default 20
       */
      maxConcurrentJobs?: number;
      /**
       * Servers across running jobs: a plan with more servers gets a warning, since some of
       * its waves may have to wait for capacity.
       * @default 500
       */
      maxServersInActiveJobs?: number;
    };
    /** The execution engine: a global scheduled task that drives active executions. */
    engine?: {
      /**
       * Seconds between engine cycles.
       * @default 15
       */
      pollIntervalSeconds?: number;
      /**
       * Seconds after which one cycle is abandoned.
       * @default 120
       */
      cycleTimeoutSeconds?: number;
      /**
       * Seconds before the first cycle after start-up.
       * @default 5
       */
      initialDelaySeconds?: number;
      /**
       * Seconds a wave's launch intent belongs to the cycle that wrote it. Until then a wave
       * without a job is only adopted (found in DRS by its tags), never launched again, since
       * that cycle's StartRecovery may still be on its way to DRS. It must outlast a DRS call
       * with its retries (3 attempts of drs.requestTimeoutSeconds, plus backoff), or a slow
       * call and a relaunch could both create a job for the same wave. Longer only delays the
       * relaunch of a wave whose call never reached DRS (a replica that died mid-launch).
       * @default 300
       */
      launchLeaseSeconds?: number;
      /**
       * Set to false to run the API without the engine on this replica.
       * @default true
       */
      enabled?: boolean;
    };
    /**
     * Scheduled drills: plans with a `drillSchedule` are drilled by a global scheduler task, as
     * the service principal `plugin:drs/scheduler`, and their owners notified before and after.
     */
    scheduledDrills?: {
      /**
       * Set to false to start no scheduled drills from this replica (the task is global: one
       * replica with it on is enough).
       * @default true
       */
      enabled?: boolean;
      /**
       * Seconds between checks for due drills; a drill starts at most this late.
       * @default 60
       */
      checkIntervalSeconds?: number;
      /**
       * Seconds before the first check after start-up.
       * @default 30
       */
      initialDelaySeconds?: number;
      /**
       * Minutes before a scheduled drill that the entity's owners are notified of it.
       * @default 60
       */
      notifyLeadTimeMinutes?: number;
    };
    /**
     * Continuous plan evaluation: a global task pre-flights every plan as a recovery started
     * now, reading DRS once per account and region, stores the result beside each plan and
     * notifies a plan's owners once when it turns to failing.
     */
    planEvaluation?: {
      /**
       * Set to false to evaluate no plans from this replica (the task is global: one replica
       * with it on is enough).
       * @default true
       */
      enabled?: boolean;
      /**
       * How often every plan is evaluated: `30m`, an ISO 8601 duration such as `PT30M`, or
       * `{ minutes: 30 }`.
       * @default 30m
       */
      frequency?: string | HumanDuration;
      /**
       * Seconds before the first evaluation after start-up.
       * @default 60
       */
      initialDelaySeconds?: number;
    };
  };
}
