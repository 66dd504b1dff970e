export interface Config {
  drs?: {
    /** CloudFormation, through which drs:stack:deploy deploys the DRS orchestration stack. */
    cloudFormation?: {
      /**
       * Endpoint of the CloudFormation API. Leave unset for real AWS (the endpoint of the
       * stack's region); the embedded default points it at the simulator's CloudFormation
       * stand-in on loopback.
       */
      endpoint?: string;
    };
  };
}
