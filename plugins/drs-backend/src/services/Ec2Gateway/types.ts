import { InstanceStatusObservation } from '@drs-orchestration/plugin-drs-common/engine';
import { DefaultAwsGatewayOptions } from '../awsClients';
import { DrsLocation } from '../DrsGateway/types';

/**
 * Every EC2 call the plugin makes goes through this interface: the status checks of the
 * recovery instances a wave's health gate waits on.
 *
 * @public
 */
export interface Ec2Gateway {
  /**
   * The status checks of these instances, whatever their state (IncludeAllInstances), 100 IDs
   * per call. An instance EC2 no longer has (terminated since) is left out, not an error.
   */
  describeInstanceStatus(
    location: DrsLocation,
    instanceIds: string[],
  ): Promise<InstanceStatusObservation[]>;
}

/**
 * How the plugin's own EC2 gateway reaches EC2.
 *
 * @public
 */
export type DefaultEc2GatewayOptions = DefaultAwsGatewayOptions;
