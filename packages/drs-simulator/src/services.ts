import { AwsService, HttpRequest } from './api';
import { DRS_SERVICE } from './drsService';
import { EC2_SERVICE } from './ec2/service';
import { ServiceName } from './model';
import { SSM_SERVICE } from './ssm/service';

/** The services the simulator serves on one port, sharing one world. */
export const SERVICES: Record<ServiceName, AwsService> = {
  drs: DRS_SERVICE,
  ssm: SSM_SERVICE,
  ec2: EC2_SERVICE,
};

/**
 * Which service a request is for: SSM names its operation in `X-Amz-Target`, EC2 sends its
 * `Action` to `/`, DRS posts to `/<Operation>`.
 */
export function serviceFor(request: HttpRequest): AwsService {
  if (request.headers['x-amz-target'] !== undefined) return SSM_SERVICE;
  if (request.path === '/') return EC2_SERVICE;
  return DRS_SERVICE;
}
