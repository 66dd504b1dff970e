export interface Config {
  /**
   * The embedded stand-ins for AWS that `npm start` runs: a DynamoDB-protocol server
   * (dynalite) and the DRS simulator, both on loopback. Disable for real AWS.
   */
  drsLocal?: {
    /** @default false */
    enabled?: boolean;
    /**
     * Loopback port of the local DynamoDB server; drs.dynamodb.endpoint must point at it. The
     * simulator's CloudFormation (drs.cloudFormation.endpoint) makes stack tables there too.
     */
    dynamodbPort?: number;
    /** Folder of the local DynamoDB data, relative to packages/backend, so plans survive restarts. */
    dataDir?: string;
    /**
     * Loopback port of the DRS simulator, which serves SSM, EC2 and CloudFormation too;
     * drs.endpoint, drs.ssm.endpoint, drs.ec2.endpoint and drs.cloudFormation.endpoint point at it.
     */
    simulatorPort?: number;
    /** The simulator's source-server inventory (YAML), relative to packages/backend. */
    inventory?: string;
    /**
     * File in which the simulator keeps its jobs, recovery instances, faults and replication
     * across restarts, relative to packages/backend.
     * @default ../../.data/simulator/journal.jsonl
     */
    simulatorJournal?: string;
    /**
     * How many times faster than real DRS the simulator runs jobs.
     * @default 20
     */
    simulatorSpeed?: number;
  };
  /** The example permission policy of this backend. */
  drsPolicy?: {
    /**
     * Groups (entity refs) whose members may start a real recovery of any service.
     * Owners of a service may always run drills of it.
     */
    recoveryGroups?: string[];
  };
}
